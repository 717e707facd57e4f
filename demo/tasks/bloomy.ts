import { bloomy, getCurrentUser, getMeeting, getMeetingDetails, listAttendees, listMeetingIssues, listMeetingMetrics, listMeetingTodos, listMeetings } from 'isosdk/bloomy'
import { bloomyFake } from 'isosdk/testing'
import { serveWithWeather } from '../fakes.js'
import { timed, type DemoTask } from '../stats.js'

/** Bloom Growth: meeting details, five calls one after another vs fanned out. */
export const bloomyTask: DemoTask = {
  name: 'Bloomy    meeting details',
  async run({ stats, progress }) {
    const fake = bloomyFake({ latency: 15 })
    await using server = await serveWithWeather(fake, 11)
    await using client = bloomy({ apiKey: fake.apiKey, baseURL: `${server.url}/api/v1`, hooks: stats.hooks })
    const me = await getCurrentUser(client)
    const meetings = await listMeetings(client)
    progress(`${me.name}: ${meetings.length} meetings`)
    const [, sequentialMs] = await timed(async () => {
      for (const m of meetings) {
        await getMeeting(client, m.id)
        await listAttendees(client, m.id)
        await listMeetingIssues(client, m.id)
        await listMeetingTodos(client, m.id)
        await listMeetingMetrics(client, m.id)
        progress(`details one call at a time: meeting ${m.id}`)
      }
    })
    const [details, concurrentMs] = await timed(() => Promise.all(meetings.map((m) => getMeetingDetails(client, m.id))))
    const todos = details.reduce((n, d) => n + d.todos.length, 0)
    return { summary: `${me.name}: ${details.length} meetings, ${todos} todos, ${details.reduce((n, d) => n + d.attendees.length, 0)} seats`, sequentialMs, concurrentMs }
  },
}
