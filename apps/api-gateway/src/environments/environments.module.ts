import { Module } from '@nestjs/common';
import { AccountEnvironmentsController } from './account-environments.controller';
import { CurrentEnvironmentController } from './current-environment.controller';
import { EnvironmentsService } from './environments.service';

@Module({ controllers: [AccountEnvironmentsController, CurrentEnvironmentController], providers: [EnvironmentsService] })
export class EnvironmentsModule {}
