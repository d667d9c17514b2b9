import { Injectable, Logger } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { freshmanEnrollmentYear } from '@campus/shared';
import type { Repository } from 'typeorm';
import freshmanLetter from '../../database/seeds/content/freshman-letter.json';
import { articleHtml } from '../courses/lesson-content';
import { Letter } from './letter.entity';

/**
 * The shipped 致新生一封信 (SEED_CONTENT), for this academic year's freshmen
 * (freshmanEnrollmentYear). It goes only into an empty table, so a college's own letters are
 * never touched.
 */
@Injectable()
export class LetterSeeder {
  private readonly logger = new Logger(LetterSeeder.name);

  constructor(@InjectRepository(Letter) private readonly letters: Repository<Letter>) {}

  /** Loads the letter when there is none yet; says whether it did. */
  async seedIntoEmpty(now: Date): Promise<boolean> {
    if ((await this.letters.count()) > 0) return false;
    const enrollmentYear = freshmanEnrollmentYear(now);
    await this.letters.save(
      this.letters.create({ enrollmentYear, title: freshmanLetter.title, html: articleHtml(freshmanLetter.html) }),
    );
    this.logger.log(`Loaded the shipped 致新生一封信 for ${enrollmentYear} 级`);
    return true;
  }
}
