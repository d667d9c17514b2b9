import { AdmissionControl, admissionLane, type AdmissionLane } from './admission';

describe('admissionLane', () => {
  it('puts saves, submits and 切屏 of students in an exam in the answer lane', () => {
    expect(admissionLane('PUT', '/api/attempts/12/answers/7')).toBe('answer');
    expect(admissionLane('POST', '/api/attempts/12/submit')).toBe('answer');
    expect(admissionLane('POST', '/api/attempts/12/leave')).toBe('answer');
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
    expect(control.snapshot().refusedByLane).toEqual({ general: 1, exam: 1, answer: 1, 'sign-in': 0 });
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
});
