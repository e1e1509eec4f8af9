import { Controller, Get, Header } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { prometheusContentType } from 'prom-client';
import { Metrics } from '../../infrastructure/metrics/metrics';
import { Roles } from '../identity/decorators';

/** Prometheus scrape endpoint for the deployment's operators (README: Metrics and runbook). */
@ApiTags('operations')
@ApiBearerAuth()
@Controller('metrics')
export class MetricsController {
  constructor(private readonly metrics: Metrics) {}

  @Get()
  @Roles('operator')
  @Header('Content-Type', prometheusContentType)
  @Header('Cache-Control', 'no-store')
  @ApiProduces('text/plain')
  @ApiOperation({ summary: 'Prometheus metrics (text format 0.0.4), operators only' })
  scrape(): Promise<string> {
    return this.metrics.render();
  }
}
