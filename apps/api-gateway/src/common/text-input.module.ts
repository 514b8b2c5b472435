import { Module } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { TextInputInterceptor } from '@mintfax/platform';

/** Imported before IdempotencyModule, so its interceptor runs first: refused input never claims a key. */
@Module({ providers: [{ provide: APP_INTERCEPTOR, useClass: TextInputInterceptor }] })
export class TextInputModule {}
