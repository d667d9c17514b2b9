import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Role, usernameKey } from '@campus/shared';
import type { DataSource } from 'typeorm';
import { PasswordHasher } from '../../common/auth/password-hasher';
import type { Principal } from '../../common/auth/principal';
import { AppConfig } from '../../config/app-config';
import { CourseContentSeeder } from '../../modules/courses/course-content-seeder';
import { College } from '../../modules/org/college.entity';
import { PromptSeedService } from '../../modules/prompts/prompt-seed.service';
import { QuestionSeedService } from '../../modules/questions/question-seed.service';
import { RosterImportService } from '../../modules/roster/roster-import.service';
import { User } from '../../modules/users/user.entity';
import { DEMO_ACCOUNTS, DEMO_PASSWORD, demoRoster } from './demo-school';

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
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const admin = await this.ensureSysadmin();
    if (this.config.demoData && (await this.dataSource.getRepository(College).count()) === 0) {
      await this.loadDemoSchool(admin);
    }
    if (this.config.seedContent && (await this.questions.isBankEmpty())) {
      const { questions } = await this.questions.seed();
      this.logger.log(`Loaded the starter question bank: ${questions} questions`);
    }
    if (this.config.seedContent && (await this.prompts.isLibraryEmpty())) {
      const { prompts } = await this.prompts.seed();
      this.logger.log(`Loaded the 课前3分钟 prompts: ${prompts} prompts`);
    }
    // 入校第一课 and this year's 致新生一封信, each only into its empty table.
    if (this.config.seedContent) await this.courseContent.seedIntoEmpty();
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

  async loadDemoSchool(admin: User): Promise<void> {
    const principal: Principal = { ...admin, role: Role.Sysadmin };
    const result = await this.roster.importSheet(principal, demoRoster(), false);
    const repo = this.dataSource.getRepository(User);
    const demoHash = await this.hasher.hash(DEMO_PASSWORD);
    for (const account of DEMO_ACCOUNTS) {
      await repo.update(
        { usernameKey: usernameKey(account.username) },
        { passwordHash: demoHash, mustChangePassword: false },
      );
    }
    this.logger.log(`Loaded the demo school: ${result.created} people`);
  }
}
