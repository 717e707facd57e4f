// The Bloom Growth fake's data: seeded, deterministic, and the PascalCase wire shapes it serves.

export interface FakeBloomUser {
  id: number
  name: string
  /** Placeholder seats have no email. */
  email?: string
  organizationId: number
  managerId?: number
  positions: { id: number; name: string }[]
}

export interface FakeBloomMeeting {
  id: number
  name: string
  attendeeIds: number[]
  createTime: string
  startDateUtc: string
  organizationId: number
}

export interface FakeBloomTodo {
  id: number
  name: string
  ownerId: number
  meetingId?: number
  notes?: string
  dueDate?: string
  createTime: string
  completeTime?: string
  closeTime?: string
}

export interface FakeBloomIssue {
  id: number
  name: string
  ownerId: number
  meetingId: number
  notes?: string
  createTime: string
  closeTime?: string
  /** Archived (removed from the meeting's issue list without being solved). */
  archived: boolean
}

export type FakeGoalCompletion = 'OnTrack' | 'AtRisk' | 'Complete'

export interface FakeBloomGoal {
  id: number
  name: string
  ownerId: number
  meetingIds: number[]
  createTime: string
  dueDate: string
  completion: FakeGoalCompletion
  archived: boolean
}

export interface FakeBloomHeadline {
  id: number
  name: string
  ownerId: number
  meetingId: number
  notes?: string
  createTime: string
  closeTime?: string
  archived: boolean
}

export interface FakeBloomMeasurable {
  id: number
  name: string
  ownerId: number
  meetingIds: number[]
  target: number
  direction: string
  unitType: string
  /** Week number → value entered. */
  scores: Map<number, number>
}

export interface FakeBloomCredential {
  username: string
  password: string
  userId: number
}

/** Everything the Bloom Growth fake serves; tests may read and change it. */
export interface BloomyState {
  users: Map<number, FakeBloomUser>
  meetings: Map<number, FakeBloomMeeting>
  todos: Map<number, FakeBloomTodo>
  issues: Map<number, FakeBloomIssue>
  goals: Map<number, FakeBloomGoal>
  headlines: Map<number, FakeBloomHeadline>
  measurables: Map<number, FakeBloomMeasurable>
  /** Bearer key → user id. */
  tokens: Map<string, number>
  /** Accepted by `POST /Token`. */
  credentials: FakeBloomCredential[]
  /** The scorecard's current week number. */
  currentWeek: number
  /** The fake's clock (ISO), used for create/complete times. */
  now: string
  /** Next id for created items. */
  nextId: number
  /** Next issued token's serial. */
  nextToken: number
}

/** The API key `bloomyFake()` accepts by default (user 1, Ada Lovelace). */
export const FAKE_BLOOMY_API_KEY = 'bloomy-fake-api-key-0001'
/** The login `POST /Token` accepts by default. */
export const FAKE_BLOOMY_USERNAME = 'ada@example.com'
/** The password `POST /Token` accepts by default. */
export const FAKE_BLOOMY_PASSWORD = 'correct-horse-battery-staple'
const ORG = 1001
const CREATED = '2025-01-02T09:00:00Z'

/** Weeks since 1970-01-05 (a Monday), as Bloom Growth numbers scorecard weeks. */
export function weekNumber(iso: string): number {
  return Math.floor((Date.parse(iso) - Date.UTC(1970, 0, 5)) / (7 * 86_400_000))
}

/** The Monday starting week `n`. */
export function weekStart(n: number): string {
  return new Date(Date.UTC(1970, 0, 5) + n * 7 * 86_400_000).toISOString()
}

export function seedState(options: { apiKey: string; username: string; password: string }): BloomyState {
  const now = '2025-01-08T12:00:00Z'
  const week = weekNumber(now)
  const users: FakeBloomUser[] = [
    { id: 1, name: 'Ada Lovelace', email: 'ada@example.com', organizationId: ORG, positions: [{ id: 71, name: 'CEO' }] },
    { id: 2, name: 'Grace Hopper', email: 'grace@example.com', organizationId: ORG, managerId: 1, positions: [{ id: 72, name: 'CTO' }] },
    { id: 3, name: 'Alan Turing', email: 'alan@example.com', organizationId: ORG, managerId: 2, positions: [{ id: 73, name: 'Engineer' }] },
    {
      id: 4,
      name: 'Katherine Johnson',
      email: 'katherine@example.com',
      organizationId: ORG,
      managerId: 1,
      positions: [
        { id: 74, name: 'COO' },
        { id: 75, name: 'Head of Finance' },
      ],
    },
    { id: 5, name: 'Open Seat', organizationId: ORG, managerId: 4, positions: [{ id: 76, name: 'Sales Lead' }] },
  ]
  const meetings: FakeBloomMeeting[] = [
    { id: 10, name: 'Leadership L10', attendeeIds: [1, 2, 4], createTime: CREATED, startDateUtc: '2025-01-06T15:00:00Z', organizationId: ORG },
    { id: 11, name: 'Engineering L10', attendeeIds: [2, 3], createTime: CREATED, startDateUtc: '2025-01-07T15:00:00Z', organizationId: ORG },
    { id: 12, name: 'Sales L10', attendeeIds: [1, 5], createTime: CREATED, startDateUtc: '2025-01-08T15:00:00Z', organizationId: ORG },
  ]
  const todos: FakeBloomTodo[] = [
    { id: 100, name: 'Send board deck', ownerId: 1, meetingId: 10, dueDate: '2025-01-10T00:00:00Z', createTime: CREATED },
    { id: 101, name: 'Hire an SRE', ownerId: 2, meetingId: 11, dueDate: '2025-01-31T00:00:00Z', createTime: CREATED },
    { id: 102, name: 'Renew insurance', ownerId: 1, dueDate: '2025-01-15T00:00:00Z', createTime: CREATED },
    { id: 103, name: 'Fix flaky CI', ownerId: 3, meetingId: 11, createTime: CREATED, completeTime: '2025-01-05T10:00:00Z' },
    { id: 104, name: 'Book the offsite', ownerId: 4, meetingId: 10, createTime: CREATED },
  ]
  const issues: FakeBloomIssue[] = [
    { id: 200, name: 'Churn is up', ownerId: 1, meetingId: 10, createTime: CREATED, archived: false },
    { id: 201, name: 'Hiring pipeline is slow', ownerId: 2, meetingId: 10, createTime: CREATED, archived: false },
    { id: 202, name: 'Build times', ownerId: 3, meetingId: 11, createTime: CREATED, archived: false },
    { id: 203, name: 'Old pricing page', ownerId: 1, meetingId: 10, createTime: CREATED, closeTime: '2025-01-03T10:00:00Z', archived: false },
    { id: 204, name: 'Duplicate: churn', ownerId: 2, meetingId: 10, createTime: CREATED, archived: true },
  ]
  const goals: FakeBloomGoal[] = [
    { id: 300, name: 'Close the Series B', ownerId: 1, meetingIds: [10], createTime: CREATED, dueDate: '2025-03-31T00:00:00Z', completion: 'OnTrack', archived: false },
    { id: 301, name: 'Launch v2', ownerId: 2, meetingIds: [10, 11], createTime: CREATED, dueDate: '2025-03-31T00:00:00Z', completion: 'AtRisk', archived: false },
    { id: 302, name: 'Move offices', ownerId: 1, meetingIds: [10], createTime: CREATED, dueDate: '2024-12-31T00:00:00Z', completion: 'Complete', archived: true },
  ]
  const headlines: FakeBloomHeadline[] = [
    { id: 400, name: 'Signed ACME', ownerId: 4, meetingId: 10, createTime: CREATED, archived: false },
    { id: 401, name: 'New office is open', ownerId: 1, meetingId: 10, createTime: CREATED, archived: false },
  ]
  const measurables: FakeBloomMeasurable[] = [
    { id: 500, name: 'Weekly revenue', ownerId: 1, meetingIds: [10], target: 10_000, direction: 'GreaterThan', unitType: 'Dollar', scores: new Map([[week - 2, 9_500], [week - 1, 11_200]]) },
    { id: 501, name: 'NPS', ownerId: 4, meetingIds: [10], target: 50, direction: 'GreaterThan', unitType: 'Number', scores: new Map([[week - 1, 47]]) },
    { id: 502, name: 'Deploys', ownerId: 3, meetingIds: [11], target: 10, direction: 'GreaterThan', unitType: 'Number', scores: new Map([[week - 1, 12]]) },
    { id: 503, name: 'Cash burn', ownerId: 1, meetingIds: [], target: 80_000, direction: 'LessThan', unitType: 'Dollar', scores: new Map() },
  ]
  const byId = <T extends { id: number }>(items: T[]) => new Map(items.map((item) => [item.id, item]))
  return {
    users: byId(users),
    meetings: byId(meetings),
    todos: byId(todos),
    issues: byId(issues),
    goals: byId(goals),
    headlines: byId(headlines),
    measurables: byId(measurables),
    tokens: new Map([[options.apiKey, 1]]),
    credentials: [{ username: options.username, password: options.password, userId: 1 }],
    currentWeek: week,
    now,
    nextId: 1000,
    nextToken: 1,
  }
}
