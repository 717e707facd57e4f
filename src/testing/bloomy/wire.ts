// PascalCase JSON as Bloom Growth sends it (field names as the real API answers them).
import type {
  BloomyState,
  FakeBloomGoal,
  FakeBloomHeadline,
  FakeBloomIssue,
  FakeBloomMeasurable,
  FakeBloomMeeting,
  FakeBloomTodo,
  FakeBloomUser,
} from './state.js'
import { weekStart } from './state.js'

export function imageUrl(origin: string, id: number): string {
  return `${origin}/i/userplaceholder/${id}.png`
}

export function userWire(u: FakeBloomUser, origin: string) {
  return { Id: u.id, Name: u.name, ImageUrl: imageUrl(origin, u.id) }
}

export function searchWire(u: FakeBloomUser, origin: string) {
  return {
    Id: u.id,
    Name: u.name,
    Description: u.positions[0]?.name ?? '',
    Email: u.email ?? '',
    OrganizationId: u.organizationId,
    ImageUrl: imageUrl(origin, u.id),
    ResultType: 'User',
  }
}

export function seatWire(p: { id: number; name: string }) {
  return { Id: p.id + 1000, Group: { Position: { Id: p.id, Name: p.name } } }
}

function ownerWire(state: BloomyState, id: number, origin: string) {
  const u = state.users.get(id)
  return { Id: id, Name: u?.name ?? 'Unknown', ImageUrl: imageUrl(origin, id) }
}

export function meetingListWire(m: FakeBloomMeeting) {
  return { Id: m.id, Type: 'L10', Key: `L10-${m.id}`, Name: m.name }
}

export function meetingWire(m: FakeBloomMeeting) {
  return {
    Id: m.id,
    Basics: { Name: m.name, TeamType: 'LeadershipTeam' },
    StartDateUtc: m.startDateUtc,
    CreateTime: m.createTime,
    OrganizationId: m.organizationId,
  }
}

export function todoWire(state: BloomyState, t: FakeBloomTodo, origin: string) {
  const meeting = t.meetingId === undefined ? undefined : state.meetings.get(t.meetingId)
  return {
    Id: t.id,
    Name: t.name,
    DetailsUrl: `${origin}/Todo/Pad/${t.id}`,
    DueDate: t.dueDate ?? null,
    CompleteTime: t.completeTime ?? null,
    CreateTime: t.createTime,
    OriginId: t.meetingId ?? null,
    Origin: meeting?.name ?? null,
    Complete: t.completeTime !== undefined,
    CloseTime: t.closeTime ?? null,
    Owner: ownerWire(state, t.ownerId, origin),
  }
}

export function issueWire(state: BloomyState, i: FakeBloomIssue, origin: string) {
  return {
    Id: i.id,
    Name: i.name,
    DetailsUrl: `${origin}/Issues/Pad/${i.id}`,
    CreateTime: i.createTime,
    CloseTime: i.closeTime ?? null,
    CompleteTime: i.closeTime ?? null,
    Owner: ownerWire(state, i.ownerId, origin),
    Origin: state.meetings.get(i.meetingId)?.name ?? null,
    OriginId: i.meetingId,
    Archived: i.archived,
  }
}

export function goalWire(state: BloomyState, g: FakeBloomGoal, origin: string) {
  return {
    Id: g.id,
    Name: g.name,
    Owner: ownerWire(state, g.ownerId, origin),
    CreateTime: g.createTime,
    DueDate: g.dueDate,
    Complete: g.completion === 'Complete',
    Completion: g.completion,
    Archived: g.archived,
    Origins: g.meetingIds.flatMap((id) => {
      const m = state.meetings.get(id)
      return m ? [{ Id: m.id, Name: m.name, Type: 'L10' }] : []
    }),
  }
}

export function headlineWire(state: BloomyState, h: FakeBloomHeadline, origin: string) {
  return {
    Id: h.id,
    Name: h.name,
    DetailsUrl: `${origin}/Headlines/Pad/${h.id}`,
    OriginId: h.meetingId,
    Origin: state.meetings.get(h.meetingId)?.name ?? null,
    Owner: ownerWire(state, h.ownerId, origin),
    Archived: h.archived,
    CreateTime: h.createTime,
    CloseTime: h.closeTime ?? null,
  }
}

export function measurableWire(state: BloomyState, m: FakeBloomMeasurable, origin: string) {
  return {
    Id: m.id,
    Name: m.name,
    Target: m.target,
    Modifiers: m.unitType,
    Direction: m.direction,
    Owner: ownerWire(state, m.ownerId, origin),
  }
}

/** One score row per measurable per week, from three weeks back to this week (empty ones included). */
export function scoresWire(state: BloomyState, measurables: FakeBloomMeasurable[]) {
  const rows = []
  for (const m of measurables) {
    for (let week = state.currentWeek - 3; week <= state.currentWeek; week++) {
      const value = m.scores.get(week)
      rows.push({
        Id: m.id * 10_000 + (week % 10_000),
        MeasurableId: m.id,
        AccountableUserId: m.ownerId,
        MeasurableName: m.name,
        Target: m.target,
        Measured: value ?? null,
        Week: weekStart(week).slice(0, 10),
        ForWeek: week,
        DateEntered: value === undefined ? null : weekStart(week + 1),
      })
    }
  }
  return { Scores: rows }
}

export function weekWire(state: BloomyState) {
  const start = weekStart(state.currentWeek)
  const end = new Date(Date.parse(start) + 6 * 86_400_000).toISOString()
  return { Id: state.currentWeek, ForWeekNumber: state.currentWeek, LocalDate: { Date: start }, ForWeek: end }
}
