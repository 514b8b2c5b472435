import { Module } from '@nestjs/common';
import { EnvironmentController } from './environment.controller';
import { EnvironmentsController } from './environments.controller';

@Module({ controllers: [EnvironmentsController, EnvironmentController] })
export class EnvironmentsModule {}
