import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { freshmanEnrollmentYear, Role, usernameKey } from '@campus/shared';
import type { DataSource } from 'typeorm';
import { PasswordHasher } from '../../common/auth/password-hasher';
import type { Principal } from '../../common/auth/principal';
import { AppConfig } from '../../config/app-config';
import { CourseContentSeeder } from '../../modules/courses/course-content-seeder';
import { LetterSeeder } from '../../modules/letters/letter-seeder';
import { College } from '../../modules/org/college.entity';
import { PromptSeedService } from '../../modules/prompts/prompt-seed.service';
import { QuestionSeedService } from '../../modules/questions/question-seed.service';
import { RosterImportService } from '../../modules/roster/roster-import.service';
import { SchoolSettingsService } from '../../modules/school/school-settings.service';
import { User } from '../../modules/users/user.entity';
import { DemoActivitySeeder } from './demo-activity';
import { DEMO_PASSWORD, DEMO_SCHOOL_SETTINGS, demoAccounts, demoRoster } from './demo-school';

/**
 * What a fresh deployment needs at first start: a sysadmin, the shipped starter content
 * (SEED_CONTENT) and, on request, the demo school (DEMO_DATA).
 */
@Injectable()
export class SeedService implements OnApplicationBootstrap {
  private readonly logger = new Logger(SeedService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly config: AppConfig,
    private readonly hasher: PasswordHasher,
    private readonly roster: RosterImportService,
    private readonly questions: QuestionSeedService,
    private readonly prompts: PromptSeedService,
    private readonly courseContent: CourseContentSeeder,
    private readonly letter: LetterSeeder,
    private readonly school: SchoolSettingsService,
    private readonly demoActivity: DemoActivitySeeder,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.seedEmpty(new Date(), { demo: this.config.demoData, content: this.config.seedContent });
  }

  /**
   * Fills what is empty. `now` decides the enrolment year the demo freshmen, the shipped letter and
   * the demo 入学第一考 share (freshmanEnrollmentYear), so all three always agree.
   */
  async seedEmpty(now: Date, what: { demo: boolean; content: boolean }): Promise<void> {
    const admin = await this.ensureSysadmin();
    const freshmanYear = freshmanEnrollmentYear(now);
    const demo = what.demo && (await this.dataSource.getRepository(College).count()) === 0;
    if (demo) await this.loadDemoSchool(admin, freshmanYear);
    if (what.content) {
      // Into an empty bank and library, or replacing what an earlier release shipped (unedited).
      const { questions, replaced } = await this.questions.seedAtStart();
      if (questions > 0 || replaced > 0)
        this.logger.log(
          `Starter question bank: ${questions} questions added, ${replaced} of an earlier release replaced`,
        );
      const prompts = await this.prompts.seedAtStart();
      if (prompts.prompts > 0 || prompts.replaced > 0)
        this.logger.log(
          `课前3分钟 prompts: ${prompts.prompts} added, ${prompts.replaced} of an earlier release replaced`,
        );
    }
    // 入校第一课 and this year's 致新生一封信, each only into its empty table.
    if (what.content) {
      await this.courseContent.seedIntoEmpty();
      await this.letter.seedIntoEmpty(now);
    }
    // The demo's exam is drawn from the bank: without the shipped content there is nothing to sit.
    if (demo && !(await this.questions.isBankEmpty()))
      await this.demoActivity.load(principalOf(admin), now, freshmanYear);
  }

  /** When no sysadmin exists, one is created from ADMIN_USERNAME / ADMIN_PASSWORD. */
  async ensureSysadmin(): Promise<User> {
    const repo = this.dataSource.getRepository(User);
    const existing = await repo.findOne({ where: { role: Role.Sysadmin }, order: { id: 'ASC' } });
    if (existing) return existing;
    const taken = await repo.findOne({ where: { usernameKey: usernameKey(this.config.adminUsername) } });
    if (taken) throw new Error(`ADMIN_USERNAME「${this.config.adminUsername}」已被非管理员账号占用，请换一个`);
    const admin = repo.create({
      username: this.config.adminUsername,
      name: '系统管理员',
      role: Role.Sysadmin,
      passwordHash: await this.hasher.hash(this.config.adminPassword),
      mustChangePassword: false,
    });
    this.logger.log(`Created sysadmin ${admin.username} from ADMIN_USERNAME/ADMIN_PASSWORD`);
    return repo.save(admin);
  }

  async loadDemoSchool(admin: User, freshmanYear: number): Promise<void> {
    const result = await this.roster.importSheet(principalOf(admin), demoRoster(freshmanYear), false);
    const repo = this.dataSource.getRepository(User);
    const demoHash = await this.hasher.hash(DEMO_PASSWORD);
    for (const account of demoAccounts(freshmanYear)) {
      await repo.update(
        { usernameKey: usernameKey(account.username) },
        { passwordHash: demoHash, mustChangePassword: false },
      );
    }
    await this.school.setDefaultsIfUnset(DEMO_SCHOOL_SETTINGS);
    this.logger.log(`Loaded the demo school: ${result.created} people, freshmen of ${freshmanYear}`);
  }
}

function principalOf(admin: User): Principal {
  return { ...admin, role: Role.Sysadmin };
}
