import { AdmissionControl, admissionLane, aheadOfPhones, type AdmissionLane } from './admission';

describe('admissionLane', () => {
  it('puts saves, submits and 切屏 of students in an exam in the answer lane', () => {
    expect(admissionLane('PUT', '/api/attempts/12/answers/7')).toBe('answer');
    expect(admissionLane('POST', '/api/attempts/12/submit')).toBe('answer');
    expect(admissionLane('POST', '/api/attempts/12/leave')).toBe('answer');
  });

  it('puts a 课堂快问 answer in the answer lane and joining, views, streams and the start in the live lane', () => {
    expect(admissionLane('POST', '/api/quick-quiz/rounds/5/answer')).toBe('answer');
    expect(admissionLane('POST', '/api/quick-quiz/join')).toBe('live');
    expect(admissionLane('POST', '/api/quick-quiz/rounds')).toBe('live');
    expect(admissionLane('GET', '/api/quick-quiz/rounds/5')).toBe('live');
    expect(admissionLane('GET', '/api/quick-quiz/rounds/5/mine')).toBe('live');
    expect(admissionLane('GET', '/api/quick-quiz/rounds/5/events')).toBe('live');
    expect(admissionLane('POST', '/api/quick-quiz/rounds/5/close')).toBe('general');
    expect(admissionLane('GET', '/api/quick-quiz/rounds')).toBe('general');
    expect(admissionLane('GET', '/api/quick-quiz/rounds/5/answer')).toBe('general');
  });

  it('puts starting, resuming and listing exams in the exam lane', () => {
    expect(admissionLane('POST', '/api/exams/3/attempts')).toBe('exam');
    expect(admissionLane('GET', '/api/attempts/12')).toBe('exam');
    expect(admissionLane('GET', '/api/my/exams')).toBe('exam');
  });

  it('puts login and password change in the sign-in lane and the rest in general', () => {
    expect(admissionLane('POST', '/api/auth/login')).toBe('sign-in');
    expect(admissionLane('POST', '/api/auth/password')).toBe('sign-in');
    expect(admissionLane('GET', '/api/stats/awareness')).toBe('general');
    expect(admissionLane('GET', '/api/attempts/12/answers/7')).toBe('general');
  });

  it('puts a teacher’s start, projector view and projector stream ahead of the phones', () => {
    expect(aheadOfPhones('POST', '/api/quick-quiz/rounds', '')).toBe(true);
    expect(aheadOfPhones('GET', '/api/quick-quiz/rounds/5', '')).toBe(true);
    expect(aheadOfPhones('GET', '/api/quick-quiz/rounds/5/events', 'view=projector')).toBe(true);
    expect(aheadOfPhones('GET', '/api/quick-quiz/rounds/5/events', '')).toBe(false);
    expect(aheadOfPhones('POST', '/api/quick-quiz/join', '')).toBe(false);
    expect(aheadOfPhones('GET', '/api/quick-quiz/rounds/5/mine', '')).toBe(false);
  });

  it('never holds back health checks or the web app', () => {
    expect(admissionLane('GET', '/api/health')).toBeNull();
    expect(admissionLane('GET', '/assets/index-abc.js')).toBeNull();
    expect(admissionLane('GET', '/exam/3')).toBeNull();
  });
});

describe('AdmissionControl', () => {
  let control: AdmissionControl;

  it('keeps the last share of its places for answers', () => {
    let now = 0;
    control = new AdmissionControl({ maxInFlight: 10, busyLagMs: 1e9, overloadLagMs: 1e9 }, () => now);
    let general = 0;
    while (control.tryEnter('general')) general += 1;
    let exam = 0;
    while (control.tryEnter('exam')) exam += 1;
    let answers = 0;
    while (control.tryEnter('answer')) answers += 1;
    expect([general, exam, answers]).toEqual([4, 6, 0]);
    control.leave('general');
    now = 5000; // past the hold that the refused answer started
    expect(control.tryEnter('sign-in')).toBe(true);
    expect(control.snapshot().refusedByLane).toEqual({ general: 1, exam: 1, live: 0, answer: 1, 'sign-in': 0 });
  });

  it('lets answers fill every place the other lanes leave', () => {
    control = new AdmissionControl({ maxInFlight: 10, busyLagMs: 1e9, overloadLagMs: 1e9 });
    for (let i = 0; i < 10; i++) expect(control.tryEnter('answer')).toBe(true);
    expect(control.tryEnter('answer')).toBe(false);
    control.leave('answer');
    expect(control.tryEnter('answer')).toBe(true);
    expect(control.snapshot().inFlight).toBe(10);
  });

  it('refuses sign-ins and general requests, then starts, but never answers, as the event loop lags under a crowd', () => {
    control = new AdmissionControl({ maxInFlight: 1000, busyLagMs: 60, overloadLagMs: 250 });
    for (let i = 0; i < 20; i++) control.tryEnter('answer');
    control.observeLag(100);
    expect(['sign-in', 'general', 'exam', 'answer'].map((l) => control.tryEnter(l as AdmissionLane))).toEqual([
      false,
      false,
      true,
      true,
    ]);
    control.observeLag(400);
    expect(control.tryEnter('exam')).toBe(false);
    expect(control.tryEnter('answer')).toBe(true);
  });

  it('refuses nobody for lag alone when almost nothing is in flight', () => {
    control = new AdmissionControl({ maxInFlight: 1000, busyLagMs: 60, overloadLagMs: 250 });
    control.observeLag(5000);
    expect(control.tryEnter('sign-in')).toBe(true);
  });
  it('lets nobody new in while the saves of students already answering are refused or fill half the places', () => {
    let now = 0;
    control = new AdmissionControl({ maxInFlight: 10, busyLagMs: 1e9, overloadLagMs: 1e9 }, () => now);
    for (let i = 0; i < 4; i++) expect(control.tryEnter('answer')).toBe(true);
    expect(control.tryEnter('exam')).toBe(true); // 4 answers of 10 places: room for a start
    control.leave('exam');
    expect(control.tryEnter('answer')).toBe(true); // the fifth fills half the places
    expect(['exam', 'sign-in', 'general'].map((l) => control.tryEnter(l as AdmissionLane))).toEqual([
      false,
      false,
      false,
    ]);
    expect(control.tryEnter('answer')).toBe(true); // answers still go in
    for (let i = 0; i < 6; i++) control.leave('answer');
    now = 1999;
    expect(control.tryEnter('exam')).toBe(false); // held for a while after the pressure
    now = 2001;
    expect(control.tryEnter('exam')).toBe(true);
    control.leave('exam');

    // A refused answer holds the door as well.
    for (let i = 0; i < 10; i++) control.tryEnter('answer');
    for (let i = 0; i < 10; i++) control.leave('answer');
    now = 10_000;
    expect(control.tryEnter('sign-in')).toBe(true);
    control.leave('sign-in');
    control = new AdmissionControl({ maxInFlight: 2, busyLagMs: 1e9, overloadLagMs: 1e9 }, () => now);
    expect(control.tryEnter('general')).toBe(true);
    expect(control.tryEnter('answer')).toBe(true);
    expect(control.tryEnter('answer')).toBe(false); // refused: the place is taken
    control.leave('general');
    expect(control.tryEnter('general')).toBe(false);
    now += 2500;
    expect(control.tryEnter('general')).toBe(true);
  });

  it('says students are answering for ten seconds after the last answer came in', () => {
    let now = 0;
    control = new AdmissionControl({ maxInFlight: 10, busyLagMs: 1e9, overloadLagMs: 1e9 }, () => now);
    expect(control.studentsAnswering).toBe(false);
    expect(control.tryEnter('exam')).toBe(true); // a start alone is not an exam under way
    expect(control.studentsAnswering).toBe(false);
    expect(control.tryEnter('answer')).toBe(true);
    control.leave('answer');
    now = 9_999;
    expect(control.studentsAnswering).toBe(true);
    now = 10_001;
    expect(control.studentsAnswering).toBe(false);
  });

  describe('the live lane’s waiting room', () => {
    beforeEach(() => jest.useFakeTimers());
    afterEach(() => jest.useRealTimers());

    const full = () => {
      const c = new AdmissionControl({ maxInFlight: 10, busyLagMs: 1e9, overloadLagMs: 1e9 });
      // The live lane's share of 10 places is 1.
      expect(c.tryEnter('live')).toBe(true);
      return c;
    };

    it('lets a waiting 快问 request in, first come first served, as soon as a place frees', async () => {
      control = full();
      const first = control.waitToEnter('live');
      const second = control.waitToEnter('live');
      expect(control.snapshot().waiting).toBe(2);
      control.leave('live');
      await expect(first.admitted).resolves.toBe(true);
      expect(control.snapshot()).toMatchObject({ waiting: 1, inFlightByLane: { live: 1 } });
      control.leave('live');
      await expect(second.admitted).resolves.toBe(true);
      expect(control.snapshot().refusedByLane.live).toBe(0);
    });

    it('lets the teachers’ requests in ahead of the phones', async () => {
      control = full();
      const phone = control.waitToEnter('live');
      const projector = control.waitToEnter('live', true);
      control.leave('live');
      await expect(projector.admitted).resolves.toBe(true);
      expect(control.snapshot().waiting).toBe(1);
      control.leave('live');
      await expect(phone.admitted).resolves.toBe(true);
    });

    it('refuses a request that waited its 15 seconds, and counts it', async () => {
      control = full();
      const turn = control.waitToEnter('live');
      jest.advanceTimersByTime(14_999);
      expect(control.snapshot().waiting).toBe(1);
      jest.advanceTimersByTime(1);
      await expect(turn.admitted).resolves.toBe(false);
      expect(control.snapshot()).toMatchObject({ waiting: 0, refusedByLane: { live: 1 } });
    });

    it('gives the turn of a phone that went away to the next one', async () => {
      control = full();
      const gone = control.waitToEnter('live');
      const next = control.waitToEnter('live');
      gone.cancel();
      await expect(gone.admitted).resolves.toBe(false);
      control.leave('live');
      await expect(next.admitted).resolves.toBe(true);
      expect(control.snapshot().inFlightByLane.live).toBe(1);
    });

    it('lets waiters in when the event loop catches up, and never makes other lanes wait', async () => {
      control = new AdmissionControl({ maxInFlight: 1000, busyLagMs: 60, overloadLagMs: 250 });
      for (let i = 0; i < 20; i++) control.tryEnter('answer');
      control.observeLag(400);
      const turn = control.waitToEnter('live');
      const exam = control.waitToEnter('exam');
      await expect(exam.admitted).resolves.toBe(false);
      expect(control.snapshot().waiting).toBe(1);
      control.observeLag(100);
      await expect(turn.admitted).resolves.toBe(true);
    });
  });
});
