// Bloom Growth answers in PascalCase (`Id`, `Name`, `DueDate`); isosdk hands out camelCase objects.
// Each wire shape is a valibot `looseObject` (an API that adds a field breaks nobody) piped into a
// `to…` mapping. The mappings are exported too: resource functions run them themselves when a
// client has `validate: false`, so the result has the same camelCase shape either way.
import * as v from 'valibot'

const id = /* @__PURE__ */ v.number()
const text = /* @__PURE__ */ v.nullish(/* @__PURE__ */ v.string())
const flag = /* @__PURE__ */ v.nullish(/* @__PURE__ */ v.boolean())
/** Bloom Growth sends targets and scores as numbers; tolerate numeric strings. */
const numeric = /* @__PURE__ */ v.nullish(/* @__PURE__ */ v.union([/* @__PURE__ */ v.number(), /* @__PURE__ */ v.string()]))

function opt<T>(value: T | null | undefined): T | undefined {
  return value ?? undefined
}

function num(value: number | string | null | undefined): number | undefined {
  if (value == null || value === '') return undefined
  const n = typeof value === 'number' ? value : Number(value)
  return Number.isFinite(n) ? n : undefined
}

// ── Owner (nested in issues, todos, goals, headlines, measurables) ─────────────────────────────

/** Who owns an item. */
export interface Owner {
  id: number
  name?: string | undefined
  imageUrl?: string | undefined
}

/** Wire: `{ Id, Name, ImageUrl }`. */
export const OwnerWireSchema = /* @__PURE__ */ v.looseObject({ Id: id, Name: text, ImageUrl: text })
export type OwnerWire = v.InferOutput<typeof OwnerWireSchema>

/**
 * Maps a wire owner (`{ Id, Name, ImageUrl }`) to an `Owner`.
 *
 * @example
 * toOwner({ Id: 1, Name: 'Ada', ImageUrl: null }) // { id: 1, name: 'Ada', imageUrl: undefined }
 */
export function toOwner(w: OwnerWire): Owner {
  return { id: w.Id, name: opt(w.Name), imageUrl: opt(w.ImageUrl) }
}

const ownerField = /* @__PURE__ */ v.nullish(OwnerWireSchema)
const ownerOf = (w: OwnerWire | null | undefined): Owner | undefined => (w ? toOwner(w) : undefined)

// ── Users ───────────────────────────────────────────────────────────────────────────────────────

/** A user (also a meeting attendee, a direct report, a search result). */
export interface User {
  id: number
  name: string
  imageUrl?: string | undefined
  email?: string | undefined
  /** The seat title in search results (the Python SDK calls it `position`). */
  description?: string | undefined
  organizationId?: number | undefined
  /** `User` for people in `search/all` results; other kinds (e.g. teams) are filtered out by `listUsers`. */
  resultType?: string | undefined
}

const userEntries = {
  Id: id,
  Name: /* @__PURE__ */ v.string(),
  ImageUrl: text,
  Email: text,
  Description: text,
  OrganizationId: /* @__PURE__ */ v.nullish(/* @__PURE__ */ v.number()),
  ResultType: text,
}
/** Wire: `{ Id, Name, ImageUrl, Email?, Description?, OrganizationId?, ResultType? }`. */
export const UserWireSchema = /* @__PURE__ */ v.looseObject(userEntries)
export type UserWire = v.InferOutput<typeof UserWireSchema>

/**
 * Maps a wire user to a camelCase `User`.
 *
 * @example
 * toUser({ Id: 2, Name: 'Grace Hopper', ImageUrl: '/i/2.png' }).name // 'Grace Hopper'
 */
export function toUser(w: UserWire): User {
  return {
    id: w.Id,
    name: w.Name,
    imageUrl: opt(w.ImageUrl),
    email: opt(w.Email),
    description: opt(w.Description),
    organizationId: opt(w.OrganizationId),
    resultType: opt(w.ResultType),
  }
}

/** Parses a user and maps it to camelCase. */
export const UserSchema = /* @__PURE__ */ v.pipe(UserWireSchema, /* @__PURE__ */ v.transform(toUser))
export const UserListSchema = /* @__PURE__ */ v.array(UserSchema)

/** A position (seat) a user holds in the accountability chart. */
export interface Position {
  id: number
  name: string
}

/** Wire (`users/{id}/seats`): `{ Group: { Position: { Id, Name } } }`. */
export const SeatWireSchema = /* @__PURE__ */ v.looseObject({
  Group: /* @__PURE__ */ v.looseObject({ Position: /* @__PURE__ */ v.looseObject({ Id: id, Name: /* @__PURE__ */ v.string() }) }),
})
export type SeatWire = v.InferOutput<typeof SeatWireSchema>

/**
 * Flattens a seat (`{ Group: { Position: { Id, Name } } }`) to a `Position`.
 *
 * @example
 * toPosition({ Group: { Position: { Id: 7, Name: 'CTO' } } }) // { id: 7, name: 'CTO' }
 */
export function toPosition(w: SeatWire): Position {
  return { id: w.Group.Position.Id, name: w.Group.Position.Name }
}

export const PositionSchema = /* @__PURE__ */ v.pipe(SeatWireSchema, /* @__PURE__ */ v.transform(toPosition))
export const PositionListSchema = /* @__PURE__ */ v.array(PositionSchema)

/** `getUser` with the sub-resources asked for. */
export interface UserDetails extends User {
  directReports?: User[] | undefined
  positions?: Position[] | undefined
}

// ── Meetings (L10) ──────────────────────────────────────────────────────────────────────────────

/** A Level 10 meeting. List items carry `type` and `key`; `getMeeting` adds dates and the organization. */
export interface Meeting {
  id: number
  name: string
  type?: string | undefined
  key?: string | undefined
  startDateUtc?: string | undefined
  createTime?: string | undefined
  organizationId?: number | undefined
}

/** Wire: list items `{ Id, Type, Key, Name }`; `L10/{id}` gives `{ Id, Basics: { Name }, StartDateUtc, CreateTime, OrganizationId }`. */
export const MeetingWireSchema = /* @__PURE__ */ v.pipe(
  /* @__PURE__ */ v.looseObject({
    Id: id,
    Name: text,
    Basics: /* @__PURE__ */ v.nullish(/* @__PURE__ */ v.looseObject({ Name: text })),
    Type: text,
    Key: /* @__PURE__ */ v.nullish(/* @__PURE__ */ v.union([/* @__PURE__ */ v.string(), /* @__PURE__ */ v.number()])),
    StartDateUtc: text,
    CreateTime: text,
    OrganizationId: /* @__PURE__ */ v.nullish(/* @__PURE__ */ v.number()),
  }),
  /* @__PURE__ */ v.check((m) => typeof (m.Name ?? m.Basics?.Name) === 'string', 'a meeting needs Name or Basics.Name'),
)
export type MeetingWire = v.InferOutput<typeof MeetingWireSchema>

/**
 * Maps a meeting (list item or `L10/{id}`) to a `Meeting`; the name comes from `Name` or `Basics.Name`.
 *
 * @example
 * toMeeting({ Id: 10, Basics: { Name: 'Leadership L10' } }).name // 'Leadership L10'
 */
export function toMeeting(w: MeetingWire): Meeting {
  return {
    id: w.Id,
    name: w.Name ?? w.Basics?.Name ?? '',
    type: opt(w.Type),
    key: w.Key == null ? undefined : String(w.Key),
    startDateUtc: opt(w.StartDateUtc),
    createTime: opt(w.CreateTime),
    organizationId: opt(w.OrganizationId),
  }
}

export const MeetingSchema = /* @__PURE__ */ v.pipe(MeetingWireSchema, /* @__PURE__ */ v.transform(toMeeting))
export const MeetingListSchema = /* @__PURE__ */ v.array(MeetingSchema)

/** What `createMeeting` returns: the new id, and which attendees were added or refused. */
export interface CreatedMeeting {
  id: number
  name: string
  /** User ids added as attendees (besides yourself when `addSelf`). */
  attendees: number[]
  /** Attendees the API refused; the meeting exists regardless. */
  failedAttendees: { userId: number; error: Error }[]
}

/** Wire (`L10/create`): `{ meetingId }`. */
export const CreatedMeetingWireSchema = /* @__PURE__ */ v.looseObject({ meetingId: id })
export type CreatedMeetingWire = v.InferOutput<typeof CreatedMeetingWireSchema>

// ── Issues ──────────────────────────────────────────────────────────────────────────────────────

export interface Issue {
  id: number
  name: string
  detailsUrl?: string | undefined
  createTime?: string | undefined
  closeTime?: string | undefined
  completeTime?: string | undefined
  owner?: Owner | undefined
  /** The meeting the issue belongs to. */
  originId?: number | undefined
  origin?: string | undefined
}

/** Wire: `{ Id, Name, DetailsUrl, CreateTime, CloseTime, CompleteTime?, Owner: { Id, Name, ImageUrl }, Origin, OriginId }`. */
export const IssueWireSchema = /* @__PURE__ */ v.looseObject({
  Id: id,
  Name: /* @__PURE__ */ v.string(),
  DetailsUrl: text,
  CreateTime: text,
  CloseTime: text,
  CompleteTime: text,
  Owner: ownerField,
  Origin: text,
  OriginId: /* @__PURE__ */ v.nullish(/* @__PURE__ */ v.number()),
})
export type IssueWire = v.InferOutput<typeof IssueWireSchema>

/**
 * Maps a wire issue to an `Issue`.
 *
 * @example
 * toIssue({ Id: 5, Name: 'Churn', Owner: { Id: 1, Name: 'Ada' } }).owner?.name // 'Ada'
 */
export function toIssue(w: IssueWire): Issue {
  return {
    id: w.Id,
    name: w.Name,
    detailsUrl: opt(w.DetailsUrl),
    createTime: opt(w.CreateTime),
    closeTime: opt(w.CloseTime),
    completeTime: opt(w.CompleteTime),
    owner: ownerOf(w.Owner),
    originId: opt(w.OriginId),
    origin: opt(w.Origin),
  }
}

export const IssueSchema = /* @__PURE__ */ v.pipe(IssueWireSchema, /* @__PURE__ */ v.transform(toIssue))
export const IssueListSchema = /* @__PURE__ */ v.array(IssueSchema)

// ── Todos ───────────────────────────────────────────────────────────────────────────────────────

export interface Todo {
  id: number
  /** The todo's title (`Name` on the wire). */
  name: string
  detailsUrl?: string | undefined
  dueDate?: string | undefined
  createTime?: string | undefined
  completeTime?: string | undefined
  /** Set when the todo is archived. */
  closeTime?: string | undefined
  complete: boolean
  owner?: Owner | undefined
  /** The meeting the todo came from, if any. */
  originId?: number | undefined
  origin?: string | undefined
}

/** Wire: `{ Id, Name, DetailsUrl, DueDate, CompleteTime, CreateTime, OriginId, Origin, Complete, CloseTime }`. */
export const TodoWireSchema = /* @__PURE__ */ v.looseObject({
  Id: id,
  Name: /* @__PURE__ */ v.string(),
  DetailsUrl: text,
  DueDate: text,
  CreateTime: text,
  CompleteTime: text,
  CloseTime: text,
  Complete: flag,
  Owner: ownerField,
  OriginId: /* @__PURE__ */ v.nullish(/* @__PURE__ */ v.number()),
  Origin: text,
})
export type TodoWire = v.InferOutput<typeof TodoWireSchema>

/**
 * Maps a wire todo to a `Todo`; `complete` falls back to whether `CompleteTime` is set.
 *
 * @example
 * toTodo({ Id: 9, Name: 'Send deck', CompleteTime: '2025-01-05T10:00:00Z' }).complete // true
 */
export function toTodo(w: TodoWire): Todo {
  return {
    id: w.Id,
    name: w.Name,
    detailsUrl: opt(w.DetailsUrl),
    dueDate: opt(w.DueDate),
    createTime: opt(w.CreateTime),
    completeTime: opt(w.CompleteTime),
    closeTime: opt(w.CloseTime),
    complete: w.Complete ?? w.CompleteTime != null,
    owner: ownerOf(w.Owner),
    originId: opt(w.OriginId),
    origin: opt(w.Origin),
  }
}

export const TodoSchema = /* @__PURE__ */ v.pipe(TodoWireSchema, /* @__PURE__ */ v.transform(toTodo))
export const TodoListSchema = /* @__PURE__ */ v.array(TodoSchema)

// ── Goals (rocks) ───────────────────────────────────────────────────────────────────────────────

export interface Goal {
  id: number
  name: string
  owner?: Owner | undefined
  createTime?: string | undefined
  dueDate?: string | undefined
  complete: boolean
  /** `OnTrack`, `AtRisk` or `Complete` when the API says. */
  completion?: string | undefined
  archived?: boolean | undefined
  /** Meetings the goal is attached to. */
  origins: { id: number; name: string }[]
}

/** Wire: `{ Id, Name, Owner: { Id, Name }, CreateTime, DueDate, Complete, Completion?, Origins: [{ Id, Name }], Archived? }`. */
export const GoalWireSchema = /* @__PURE__ */ v.looseObject({
  Id: id,
  Name: text,
  Owner: ownerField,
  CreateTime: text,
  DueDate: text,
  Complete: flag,
  Completion: /* @__PURE__ */ v.nullish(/* @__PURE__ */ v.union([/* @__PURE__ */ v.string(), /* @__PURE__ */ v.number()])),
  Archived: flag,
  Origins: /* @__PURE__ */ v.nullish(/* @__PURE__ */ v.array(/* @__PURE__ */ v.looseObject({ Id: id, Name: /* @__PURE__ */ v.string() }))),
})
export type GoalWire = v.InferOutput<typeof GoalWireSchema>

/** Older API versions send `Completion` as 0/1/2. */
const COMPLETION_CODES = ['AtRisk', 'OnTrack', 'Complete'] as const

/**
 * Maps a wire goal (rock) to a `Goal`; a numeric `Completion` (0/1/2) becomes `AtRisk`/`OnTrack`/`Complete`.
 *
 * @example
 * toGoal({ Id: 3, Name: 'Ship v2', Completion: 2 }).complete // true
 */
export function toGoal(w: GoalWire): Goal {
  const completion = typeof w.Completion === 'number' ? COMPLETION_CODES[w.Completion] : opt(w.Completion)
  return {
    id: w.Id,
    name: w.Name ?? '',
    owner: ownerOf(w.Owner),
    createTime: opt(w.CreateTime),
    dueDate: opt(w.DueDate),
    complete: w.Complete ?? completion === 'Complete',
    completion,
    archived: opt(w.Archived),
    origins: (w.Origins ?? []).map((o) => ({ id: o.Id, name: o.Name })),
  }
}

export const GoalSchema = /* @__PURE__ */ v.pipe(GoalWireSchema, /* @__PURE__ */ v.transform(toGoal))
export const GoalListSchema = /* @__PURE__ */ v.array(GoalSchema)

// ── Headlines ───────────────────────────────────────────────────────────────────────────────────

export interface Headline {
  id: number
  name: string
  detailsUrl?: string | undefined
  owner?: Owner | undefined
  originId?: number | undefined
  origin?: string | undefined
  archived?: boolean | undefined
  createTime?: string | undefined
  closeTime?: string | undefined
}

/** Wire: `{ Id, Name, DetailsUrl, OriginId, Origin, Owner: { Id, Name }, Archived, CreateTime, CloseTime }`. */
export const HeadlineWireSchema = /* @__PURE__ */ v.looseObject({
  Id: id,
  Name: /* @__PURE__ */ v.string(),
  DetailsUrl: text,
  Owner: ownerField,
  OriginId: /* @__PURE__ */ v.nullish(/* @__PURE__ */ v.number()),
  Origin: text,
  Archived: flag,
  CreateTime: text,
  CloseTime: text,
})
export type HeadlineWire = v.InferOutput<typeof HeadlineWireSchema>

/**
 * Maps a wire headline to a `Headline`.
 *
 * @example
 * toHeadline({ Id: 4, Name: 'Signed ACME', Archived: false }).archived // false
 */
export function toHeadline(w: HeadlineWire): Headline {
  return {
    id: w.Id,
    name: w.Name,
    detailsUrl: opt(w.DetailsUrl),
    owner: ownerOf(w.Owner),
    originId: opt(w.OriginId),
    origin: opt(w.Origin),
    archived: opt(w.Archived),
    createTime: opt(w.CreateTime),
    closeTime: opt(w.CloseTime),
  }
}

export const HeadlineSchema = /* @__PURE__ */ v.pipe(HeadlineWireSchema, /* @__PURE__ */ v.transform(toHeadline))
export const HeadlineListSchema = /* @__PURE__ */ v.array(HeadlineSchema)

// ── Scorecard: measurables, weeks, scores ──────────────────────────────────────────────────────

/** A scorecard measurable (metric). */
export interface Measurable {
  id: number
  name: string
  target?: number | undefined
  /** Unit, e.g. `Dollar`, `Percent`, `Number` (`Modifiers` on the wire). */
  modifiers?: string | undefined
  /** How the value compares with the target, e.g. `GreaterThan`, `LessThan`. */
  direction?: string | undefined
  owner?: Owner | undefined
}

/** Wire: `{ Id, Name, Target, Modifiers, Direction, Owner: { Id, Name } }`. */
export const MeasurableWireSchema = /* @__PURE__ */ v.looseObject({
  Id: id,
  Name: /* @__PURE__ */ v.string(),
  Target: numeric,
  Modifiers: text,
  Direction: /* @__PURE__ */ v.nullish(/* @__PURE__ */ v.union([/* @__PURE__ */ v.string(), /* @__PURE__ */ v.number()])),
  Owner: ownerField,
})
export type MeasurableWire = v.InferOutput<typeof MeasurableWireSchema>

/**
 * Maps a wire measurable to a `Measurable` (`Target` as a number, the name trimmed).
 *
 * @example
 * toMeasurable({ Id: 500, Name: ' NPS ', Target: '50' }) // { id: 500, name: 'NPS', target: 50, … }
 */
export function toMeasurable(w: MeasurableWire): Measurable {
  return {
    id: w.Id,
    name: w.Name.trim(),
    target: num(w.Target),
    modifiers: opt(w.Modifiers),
    direction: w.Direction == null ? undefined : String(w.Direction),
    owner: ownerOf(w.Owner),
  }
}

export const MeasurableSchema = /* @__PURE__ */ v.pipe(MeasurableWireSchema, /* @__PURE__ */ v.transform(toMeasurable))
export const MeasurableListSchema = /* @__PURE__ */ v.array(MeasurableSchema)

/** The current scorecard week. */
export interface Week {
  id: number
  /** The week number scores are keyed by. */
  forWeekNumber: number
  /** End of the week (ISO). */
  forWeek?: string | undefined
  /** Start of the week (ISO), `LocalDate.Date` on the wire. */
  localDate?: string | undefined
}

/** Wire (`weeks/current`): `{ Id, ForWeekNumber, LocalDate: { Date }, ForWeek }`. */
export const WeekWireSchema = /* @__PURE__ */ v.looseObject({
  Id: id,
  ForWeekNumber: /* @__PURE__ */ v.number(),
  ForWeek: text,
  LocalDate: /* @__PURE__ */ v.nullish(/* @__PURE__ */ v.looseObject({ Date: text })),
})
export type WeekWire = v.InferOutput<typeof WeekWireSchema>

/**
 * Maps `weeks/current` to a `Week`.
 *
 * @example
 * toWeek({ Id: 2870, ForWeekNumber: 2870, LocalDate: { Date: '2025-01-06' } }).localDate // '2025-01-06'
 */
export function toWeek(w: WeekWire): Week {
  return { id: w.Id, forWeekNumber: w.ForWeekNumber, forWeek: opt(w.ForWeek), localDate: opt(w.LocalDate?.Date) }
}

export const WeekSchema = /* @__PURE__ */ v.pipe(WeekWireSchema, /* @__PURE__ */ v.transform(toWeek))

/** One measurable's value for one week. */
export interface Score {
  id: number
  measurableId: number
  measurableName?: string | undefined
  accountableUserId?: number | undefined
  target?: number | undefined
  /** The value entered; undefined when nobody entered one. */
  measured?: number | undefined
  /** The week number (`ForWeek` on the wire). */
  forWeek?: number | undefined
  /** The week's label (`Week` on the wire). */
  week?: string | undefined
  dateEntered?: string | undefined
}

/** Wire: `{ Id, MeasurableId, AccountableUserId, MeasurableName, Target, Measured, Week, ForWeek, DateEntered }`. */
export const ScoreWireSchema = /* @__PURE__ */ v.looseObject({
  Id: id,
  MeasurableId: id,
  MeasurableName: text,
  AccountableUserId: /* @__PURE__ */ v.nullish(/* @__PURE__ */ v.number()),
  Target: numeric,
  Measured: numeric,
  Week: /* @__PURE__ */ v.nullish(/* @__PURE__ */ v.union([/* @__PURE__ */ v.string(), /* @__PURE__ */ v.number()])),
  ForWeek: /* @__PURE__ */ v.nullish(/* @__PURE__ */ v.number()),
  DateEntered: text,
})
export type ScoreWire = v.InferOutput<typeof ScoreWireSchema>

/**
 * Maps one scorecard row to a `Score`; a null `Measured` becomes `undefined`.
 *
 * @example
 * toScore({ Id: 1, MeasurableId: 500, Measured: null }).measured // undefined
 */
export function toScore(w: ScoreWire): Score {
  return {
    id: w.Id,
    measurableId: w.MeasurableId,
    measurableName: opt(w.MeasurableName),
    accountableUserId: opt(w.AccountableUserId),
    target: num(w.Target),
    measured: num(w.Measured),
    forWeek: opt(w.ForWeek),
    week: w.Week == null ? undefined : String(w.Week),
    dateEntered: opt(w.DateEntered),
  }
}

export const ScoreSchema = /* @__PURE__ */ v.pipe(ScoreWireSchema, /* @__PURE__ */ v.transform(toScore))

/** Wire (`scorecard/user/{id}`, `scorecard/meeting/{id}`): `{ Scores: [...] }`. */
export const ScorecardWireSchema = /* @__PURE__ */ v.looseObject({ Scores: /* @__PURE__ */ v.nullish(/* @__PURE__ */ v.array(ScoreWireSchema)) })
export type ScorecardWire = v.InferOutput<typeof ScorecardWireSchema>

/**
 * Maps a scorecard answer (`{ Scores: [...] }`) to its scores.
 *
 * @example
 * toScores({ Scores: [] }) // []
 */
export function toScores(w: ScorecardWire): Score[] {
  return (w.Scores ?? []).map(toScore)
}

export const ScorecardSchema = /* @__PURE__ */ v.pipe(ScorecardWireSchema, /* @__PURE__ */ v.transform(toScores))
