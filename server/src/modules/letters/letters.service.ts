import { ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  formatStudyWait,
  readableLength,
  readingSeconds,
  type LetterConfirmResult,
  type LetterDto,
  type MyLetterDto,
} from '@campus/shared';
import type { DataSource } from 'typeorm';
import type { Principal } from '../../common/auth/principal';
import { Clock } from '../../common/clock/clock';
import { Sql } from '../../database/sql';
import { articleHtml } from '../courses/lesson-content';
import type { ReachSubject } from '../courses/reach-report.service';
import { SchoolClass } from '../org/school-class.entity';
import { AuditService } from '../audit/audit.service';
import { SchoolSettingsService } from '../school/school-settings.service';
import type { LetterInputDto } from './dto/letter.dto';
import { LetterConfirmation } from './letter-confirmation.entity';
import { LetterOpen } from './letter-open.entity';
import { Letter } from './letter.entity';

/** 致新生一封信: one letter per enrolment year; its freshmen open it and confirm. */
@Injectable()
export class LettersService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly sql: Sql,
    private readonly school: SchoolSettingsService,
    private readonly clock: Clock,
    private readonly audit: AuditService,
  ) {}

  async list(): Promise<LetterDto[]> {
    const letters = await this.dataSource.getRepository(Letter).find({ order: { enrollmentYear: 'DESC' } });
    return Promise.all(letters.map((l) => this.map(l)));
  }

  async get(id: number): Promise<LetterDto> {
    return this.map(await this.find(id));
  }

  async create(principal: Principal, body: LetterInputDto): Promise<LetterDto> {
    const repo = this.dataSource.getRepository(Letter);
    await this.assertYearFree(body.enrollmentYear);
    const saved = await repo.save(repo.create(fields(body)));
    await this.audit.record(
      principal,
      'letter.create',
      { type: 'letter', id: saved.id, name: saved.title },
      `新建${saved.enrollmentYear}级新生信「${saved.title}」`,
    );
    return this.map(saved);
  }

  async update(principal: Principal, id: number, body: LetterInputDto): Promise<LetterDto> {
    const letter = await this.find(id);
    if (letter.enrollmentYear !== body.enrollmentYear) await this.assertYearFree(body.enrollmentYear);
    const before = { enrollmentYear: letter.enrollmentYear, title: letter.title, length: letter.html.length };
    Object.assign(letter, fields(body));
    const saved = await this.dataSource.getRepository(Letter).save(letter);
    await this.audit.record(
      principal,
      'letter.update',
      { type: 'letter', id, name: saved.title },
      `修改${saved.enrollmentYear}级新生信「${saved.title}」`,
      { before, after: { enrollmentYear: saved.enrollmentYear, title: saved.title, length: saved.html.length } },
    );
    return this.map(saved);
  }

  /** A letter that freshmen have confirmed is part of the record and is not deleted. */
  async remove(principal: Principal, id: number): Promise<void> {
    const letter = await this.find(id);
    if ((await this.dataSource.getRepository(LetterConfirmation).countBy({ letterId: id })) > 0) {
      throw new ConflictException('已有学生确认过这封信，不能删除（可以修改内容）');
    }
    await this.dataSource.getRepository(Letter).delete({ id });
    await this.audit.record(
      principal,
      'letter.delete',
      { type: 'letter', id, name: letter.title },
      `删除${letter.enrollmentYear}级新生信「${letter.title}」`,
    );
  }

  /** The caller's letter; the first time it is opened starts its reading time. */
  async mine(principal: Principal): Promise<MyLetterDto> {
    const letter = await this.addressedTo(principal);
    const confirmation = await this.dataSource
      .getRepository(LetterConfirmation)
      .findOne({ where: { userId: principal.id, letterId: letter.id } });
    const html = await this.school.renderHtml(letter.html);
    const minimumSeconds = readingSeconds(readableLength(html));
    const remaining = confirmation ? 0 : await this.secondsLeft(principal.id, letter.id, minimumSeconds);
    return {
      id: letter.id,
      enrollmentYear: letter.enrollmentYear,
      title: await this.school.renderText(letter.title),
      html,
      confirmedAt: confirmation?.confirmedAt.toISOString() ?? null,
      minimumSeconds,
      remainingSeconds: Math.max(0, Math.ceil(remaining)),
    };
  }

  /**
   * “我已阅读并知晓”. Confirming again, or twice at once, keeps the first time. The first
   * confirmation must be plausible: the letter's reading time (its length at a quick reader's pace,
   * see study-time.ts) must have passed since the caller first opened it; sooner is refused with how
   * long is left, so the confirmation rate counts people who read the letter.
   */
  async confirm(principal: Principal): Promise<LetterConfirmResult> {
    const letter = await this.addressedTo(principal);
    const confirmed = await this.dataSource
      .getRepository(LetterConfirmation)
      .findOne({ where: { userId: principal.id, letterId: letter.id } });
    if (confirmed) return { confirmedAt: confirmed.confirmedAt.toISOString() };
    const minimumSeconds = readingSeconds(readableLength(await this.school.renderHtml(letter.html)));
    const left = await this.secondsLeft(principal.id, letter.id, minimumSeconds);
    if (left > 0) {
      throw new ConflictException(
        `请先读完这封信：还需阅读约 ${formatStudyWait(left)}再确认（阅读时间从打开信件算起）`,
      );
    }
    await this.sql.insertMany(
      this.dataSource.manager,
      'letter_confirmation',
      ['user_id', 'letter_id', 'confirmed_at'],
      [[principal.id, letter.id, this.clock.date()]],
      {
        ignoreDuplicates: true,
      },
    );
    const row = await this.dataSource
      .getRepository(LetterConfirmation)
      .findOneOrFail({ where: { userId: principal.id, letterId: letter.id } });
    return { confirmedAt: row.confirmedAt.toISOString() };
  }

  /** What the confirmation table of a letter counts: students of its enrolment year. */
  async reachSubject(id: number): Promise<{ letter: Letter; subject: ReachSubject }> {
    const letter = await this.find(id);
    return {
      letter,
      subject: {
        restrict: (qb) => void qb.andWhere('k.enrollment_year = :letterYear', { letterYear: letter.enrollmentYear }),
        done: { table: 'letter_confirmation', on: 'd.letter_id = :doneLetterId', params: { doneLetterId: letter.id } },
      },
    };
  }

  /** Seconds of reading still due, counted from the first open (which this records if there was none). */
  private async secondsLeft(userId: number, letterId: number, minimumSeconds: number): Promise<number> {
    const now = this.clock.date();
    await this.sql.insertMany(
      this.dataSource.manager,
      'letter_open',
      ['user_id', 'letter_id', 'opened_at'],
      [[userId, letterId, now]],
      {
        ignoreDuplicates: true,
      },
    );
    const open = await this.dataSource.getRepository(LetterOpen).findOneOrFail({ where: { userId, letterId } });
    return minimumSeconds - (now.getTime() - open.openedAt.getTime()) / 1000;
  }

  /** The letter of the caller's enrolment year (their class's), or 404. */
  private async addressedTo(principal: Principal): Promise<Letter> {
    const schoolClass =
      principal.classId === null
        ? null
        : await this.dataSource
            .getRepository(SchoolClass)
            .findOne({ where: { id: principal.classId }, select: { id: true, enrollmentYear: true } });
    const year = schoolClass?.enrollmentYear ?? null;
    const letter =
      year === null ? null : await this.dataSource.getRepository(Letter).findOne({ where: { enrollmentYear: year } });
    if (!letter) throw new NotFoundException('没有写给你的新生信');
    return letter;
  }

  /** The stored text to edit, and beside it the text freshmen see. */
  private async map(l: Letter): Promise<LetterDto> {
    return {
      id: l.id,
      enrollmentYear: l.enrollmentYear,
      title: l.title,
      html: l.html,
      previewHtml: await this.school.renderHtml(l.html),
      updatedAt: l.updatedAt.toISOString(),
    };
  }

  private async find(id: number): Promise<Letter> {
    const letter = await this.dataSource.getRepository(Letter).findOne({ where: { id } });
    if (!letter) throw new NotFoundException('信件不存在');
    return letter;
  }

  private async assertYearFree(enrollmentYear: number): Promise<void> {
    if ((await this.dataSource.getRepository(Letter).countBy({ enrollmentYear })) > 0) {
      const message = `${enrollmentYear} 级新生已经有一封信了，请直接修改那一封`;
      throw new ConflictException({ message, errors: [{ field: 'enrollmentYear', message }] });
    }
  }
}

function fields(body: LetterInputDto): Pick<Letter, 'enrollmentYear' | 'title' | 'html'> {
  return { enrollmentYear: body.enrollmentYear, title: body.title.trim(), html: articleHtml(body.html) };
}
