import { Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { dataSourceOptions } from './data-source-options';

/** The application's DataSource; pending migrations run when it connects. */
@Global()
@Module({
  imports: [
    TypeOrmModule.forRootAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => ({
        ...dataSourceOptions(config.databaseUrl, { migrationsRun: true }),
        entities: undefined,
        autoLoadEntities: true,
        retryAttempts: 1,
      }),
    }),
  ],
})
export class DatabaseModule {}
