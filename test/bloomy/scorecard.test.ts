import { describe, expect, it } from 'vitest'
import { BadRequestError, ValidationError } from '../../src/index.js'
import {
  createMeasurable,
  getCurrentWeek,
  getMeasurable,
  getScore,
  listMeasurables,
  listScores,
  scoreMeasurable,
  updateMeasurable,
} from '../../src/bloomy/index.js'
import { calls, lastBody, useBloomy } from './_setup.js'

const ctx = useBloomy()

describe('scorecard', () => {
  it('getCurrentWeek', async () => {
    const week = await getCurrentWeek(ctx.client)
    expect(week.forWeekNumber).toBe(ctx.fake.state.currentWeek)
    expect(week.localDate).toBe('2025-01-06T00:00:00.000Z')
    expect(week.forWeek).toBe('2025-01-12T00:00:00.000Z')
  })

  it('listMeasurables by meeting (dividers skipped) and by user', async () => {
    expect((await listMeasurables(ctx.client, { meetingId: 10 })).map((m) => m.id)).toEqual([500, 501])
    expect((await listMeasurables(ctx.client)).map((m) => m.name)).toEqual(['Weekly revenue', 'Cash burn'])
    expect(calls(ctx)).toEqual(['GET /L10/10/measurables', 'GET /users/mine', 'GET /measurables/user/1'])
  })

  it('createMeasurable, getMeasurable, updateMeasurable', async () => {
    const m = await createMeasurable(ctx.client, { meetingId: 11, title: 'Open bugs', target: 20, direction: 'LessThan' })
    expect(lastBody(ctx, 'POST', '/L10/11/measurables')).toEqual({
      title: 'Open bugs',
      target: 20,
      direction: 'LessThan',
      unitType: 'Number',
      accountableUserId: 1,
    })
    expect(m).toMatchObject({ name: 'Open bugs', target: 20, direction: 'LessThan', modifiers: 'Number' })
    await updateMeasurable(ctx.client, m.id, { target: 15 })
    expect(lastBody(ctx, 'PUT', `/measurables/${m.id}`)).toEqual({ target: 15 })
    expect((await getMeasurable(ctx.client, m.id)).target).toBe(15)
  })

  it('listScores hides empty weeks unless showEmpty; weekOffset picks one week', async () => {
    const entered = await listScores(ctx.client, { meetingId: 10 })
    expect(entered.map((s) => [s.measurableId, s.measured])).toEqual([
      [500, 9500],
      [500, 11200],
      [501, 47],
    ])
    const all = await listScores(ctx.client, { meetingId: 10, showEmpty: true })
    expect(all).toHaveLength(8)
    ctx.sent.length = 0
    const lastWeek = await listScores(ctx.client, { meetingId: 10, weekOffset: -1 })
    expect(lastWeek.map((s) => [s.measurableId, s.measured, s.forWeek])).toEqual([
      [500, 11200, ctx.fake.state.currentWeek - 1],
      [501, 47, ctx.fake.state.currentWeek - 1],
    ])
    expect(calls(ctx).sort()).toEqual(['GET /scorecard/meeting/10', 'GET /weeks/current'])
  })

  it('getScore finds a measurable in this week of my scorecard, empty included', async () => {
    const score = await getScore(ctx.client, 500)
    expect(score).toMatchObject({ measurableId: 500, measurableName: 'Weekly revenue', target: 10000, measured: undefined })
    expect(await getScore(ctx.client, 502)).toBeUndefined()
  })

  it('scoreMeasurable reads the week then puts the value on measurables/{id}/week/{n}', async () => {
    const week = ctx.fake.state.currentWeek
    await scoreMeasurable(ctx.client, 501, { value: 52 })
    await scoreMeasurable(ctx.client, 501, { value: 44, weekOffset: -2 })
    expect(calls(ctx)).toEqual([
      'GET /weeks/current',
      `PUT /measurables/501/week/${week}`,
      'GET /weeks/current',
      `PUT /measurables/501/week/${week - 2}`,
    ])
    expect(lastBody(ctx, 'PUT', '/measurables/501/week/')).toEqual({ value: 44 })
    expect(ctx.fake.state.measurables.get(501)?.scores.get(week)).toBe(52)
    const score = await getScore(ctx.client, 501, { userId: 4 })
    expect(score?.measured).toBe(52)
  })

  it('a future week is refused by the API as a BadRequestError', async () => {
    await expect(scoreMeasurable(ctx.client, 501, { value: 1, weekOffset: 3 })).rejects.toBeInstanceOf(BadRequestError)
  })

  it('bad input is refused before any request', async () => {
    await expect(scoreMeasurable(ctx.client, 501, { value: Number.POSITIVE_INFINITY })).rejects.toThrow(/value/)
    await expect(listScores(ctx.client, { weekOffset: 0.5 })).rejects.toThrow(/weekOffset/)
    await expect(createMeasurable(ctx.client, { meetingId: 10, title: 'x', target: Number.NaN })).rejects.toThrow(/target/)
    await expect(updateMeasurable(ctx.client, 500, {})).rejects.toBeInstanceOf(ValidationError)
    await expect(listMeasurables(ctx.client, { userId: 1, meetingId: 10 })).rejects.toBeInstanceOf(ValidationError)
    expect(ctx.sent).toEqual([])
  })
})
