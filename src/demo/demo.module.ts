import { Module } from '@nestjs/common';
import { BodiesModule } from '../modules/bodies/bodies.module';
import { IdentityModule } from '../modules/identity/identity.module';
import { PapersModule } from '../modules/papers/papers.module';
import { DemoSeedService } from './demo-seed.service';

@Module({
  imports: [IdentityModule, BodiesModule, PapersModule],
  providers: [DemoSeedService],
  exports: [DemoSeedService],
})
export class DemoModule {}
