import { DynamicModule, Global, Module } from '@nestjs/common';
import { DB_OPTIONS, type DbOptions } from './db.options';
import { PrismaService } from './prisma.service';

@Global()
@Module({})
export class DbModule {
  static forRoot(options: DbOptions): DynamicModule {
    return {
      module: DbModule,
      providers: [{ provide: DB_OPTIONS, useValue: options }, PrismaService],
      exports: [PrismaService],
    };
  }
}
