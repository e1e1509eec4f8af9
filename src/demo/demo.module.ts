import { Module } from '@nestjs/common';
import { IdentityModule } from '../modules/identity/identity.module';
import { PapersModule } from '../modules/papers/papers.module';
import { DemoSeedService } from './demo-seed.service';

@Module({
  imports: [IdentityModule, PapersModule],
  providers: [DemoSeedService],
  exports: [DemoSeedService],
})
export class DemoModule {}
