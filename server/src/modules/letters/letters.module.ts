import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CoursesModule } from '../courses/courses.module';
import { Letter } from './letter.entity';
import { LetterSeeder } from './letter-seeder';
import { LettersController } from './letters.controller';
import { LettersService } from './letters.service';

@Module({
  imports: [CoursesModule, TypeOrmModule.forFeature([Letter])],
  controllers: [LettersController],
  providers: [LettersService, LetterSeeder],
  exports: [LetterSeeder],
})
export class LettersModule {}
