import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import {
  fillSchoolPlaceholders,
  SCHOOL_FIELD_LABELS,
  type SchoolSettingsDto,
  type SchoolSettingsInput,
} from '@campus/shared';
import type { Repository } from 'typeorm';
import type { Principal } from '../../common/auth/principal';
import { TtlValue } from '../../common/cache/ttl-cache';
import { Clock } from '../../common/clock/clock';
import { CacheBus } from '../../common/cluster/cache-bus';
import { AuditService } from '../audit/audit.service';
import { escapeHtml } from './escape-html';
import { SchoolSettings } from './school-settings.entity';

/** The one row of the table. */
const ROW_ID = 1;
/** Read by every letter and lesson served; a save drops it at once on every instance (CacheBus). */
const TTL_MS = 60_000;

const EMPTY: SchoolSettingsInput = {
  name: '',
  shortName: '',
  securityPhone: '',
  studentAffairsPhone: '',
  paymentChannel: '',
  freshmanGroupNotice: '',
  website: '',
};

/**
 * 学校信息设置. Shipped and admin-written texts name the school through placeholders ({{学校名称}},
 * {{保卫处电话}} …) that are filled from here when a text is served or exported, so a college sets
 * its details once and every letter, lesson and report title follows.
 */
@Injectable()
export class SchoolSettingsService {
  private readonly cached: TtlValue<SchoolSettingsDto>;

  constructor(
    @InjectRepository(SchoolSettings) private readonly repo: Repository<SchoolSettings>,
    private readonly bus: CacheBus,
    private readonly audit: AuditService,
    clock: Clock,
  ) {
    this.cached = new TtlValue({ ttlMs: TTL_MS, clock });
    bus.on((message) => {
      if (message.kind === 'school') this.drop();
    });
  }

  /** The settings, or empty ones (configured: false) before anyone has saved them. */
  current(): Promise<SchoolSettingsDto> | SchoolSettingsDto {
    // A save while the query runs makes its answer stale: it goes to its callers only.
    return this.cached.getOrLoad(() => this.load());
  }

  async update(principal: Principal, body: SchoolSettingsInput): Promise<SchoolSettingsDto> {
    const before = await this.current();
    const saved = await this.write(body);
    this.bus.publish({ kind: 'school' });
    const changed = (Object.keys(SCHOOL_FIELD_LABELS) as (keyof SchoolSettingsInput)[]).filter(
      (field) => before[field] !== saved[field],
    );
    await this.audit.record(
      principal,
      'school.update',
      { type: 'school', id: ROW_ID },
      changed.length
        ? `修改学校信息：${changed.map((field) => SCHOOL_FIELD_LABELS[field]).join('、')}`
        : '保存学校信息（未改动）',
      { before: pick(before), after: pick(saved) },
    );
    return saved;
  }

  /** The demo school's details, written only when nobody has set the school's own. */
  async setDefaultsIfUnset(defaults: SchoolSettingsInput): Promise<void> {
    if ((await this.repo.countBy({ id: ROW_ID })) > 0) return;
    await this.write(defaults);
    this.bus.publish({ kind: 'school' });
  }

  /** A rich text (letter, article) with the school's details filled in, HTML-escaped. */
  async renderHtml(html: string): Promise<string> {
    return fillSchoolPlaceholders(html, await this.current(), escapeHtml);
  }

  /** A plain text (title, case study) with the school's details filled in; the page escapes it. */
  async renderText(text: string): Promise<string> {
    return fillSchoolPlaceholders(text, await this.current());
  }

  /** The title of an export or report, headed by the school's name once it is set. */
  async exportTitle(title: string): Promise<string> {
    return `${(await this.current()).name}${title}`;
  }

  private async write(body: SchoolSettingsInput): Promise<SchoolSettingsDto> {
    await this.repo.save(this.repo.create({ id: ROW_ID, ...pick(body) }));
    return map(await this.repo.findOneByOrFail({ id: ROW_ID }));
  }

  private async load(): Promise<SchoolSettingsDto> {
    const row = await this.repo.findOneBy({ id: ROW_ID });
    return row ? map(row) : { ...EMPTY, configured: false, updatedAt: null };
  }

  private drop(): void {
    this.cached.clear();
  }
}

function pick(s: SchoolSettingsInput): SchoolSettingsInput {
  return {
    name: s.name,
    shortName: s.shortName,
    securityPhone: s.securityPhone,
    studentAffairsPhone: s.studentAffairsPhone,
    paymentChannel: s.paymentChannel,
    freshmanGroupNotice: s.freshmanGroupNotice,
    website: s.website,
  };
}

function map(row: SchoolSettings): SchoolSettingsDto {
  return { ...pick(row), configured: true, updatedAt: row.updatedAt.toISOString() };
}
