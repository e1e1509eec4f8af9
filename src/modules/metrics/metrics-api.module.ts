import { Module } from '@nestjs/common';
import { MetricsController } from './metrics.controller';

/** `GET /metrics` (the registry itself lives in infrastructure/metrics, so every layer can record into it). */
@Module({ controllers: [MetricsController] })
export class MetricsApiModule {}
