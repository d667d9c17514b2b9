import { Module } from '@nestjs/common';
import { QuickQuizModule } from '../quick-quiz/quick-quiz.module';
import { TeachingModule } from '../teaching/teaching.module';
import { PromptCoverageService } from './prompt-coverage.service';
import { PromptDeliveriesController } from './prompt-deliveries.controller';
import { PromptDeliveryService } from './prompt-delivery.service';
import { PromptImportService } from './prompt-import.service';
import { PromptSeedService } from './prompt-seed.service';
import { PromptsController } from './prompts.controller';
import { PromptsService } from './prompts.service';

@Module({
  imports: [TeachingModule, QuickQuizModule],
  // Deliveries first: its static routes (/prompts/next …) must be registered before /prompts/:id.
  controllers: [PromptDeliveriesController, PromptsController],
  providers: [PromptsService, PromptDeliveryService, PromptCoverageService, PromptImportService, PromptSeedService],
  exports: [PromptSeedService],
})
export class PromptsModule {}
