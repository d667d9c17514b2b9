import { Module } from '@nestjs/common';
import { CoursesModule } from '../courses/courses.module';
import { LettersController } from './letters.controller';
import { LettersService } from './letters.service';

@Module({ imports: [CoursesModule], controllers: [LettersController], providers: [LettersService] })
export class LettersModule {}
