import * as v from 'valibot'
import type { CallOptions } from '../core/types.js'
import { HeadlineListSchema, HeadlineSchema, toHeadline, type Headline, type HeadlineWire } from './schemas.js'
import { Id, Title, checkId, checkInput, exclusive, send, sendVoid, at, seg, onePage, USER_MEETING_KEYS, type BloomyClient } from './_internal.js'
import { userIdOrMine } from './users.js'
import { CALL_OPTION_KEYS, checkOptionKeys } from '../core/options.js'
import type { Paginated } from '../core/types.js'

export interface ListHeadlinesOptions extends CallOptions {
  /** Headlines of this user (`GET headline/users/{id}`); default the current user. Not with `meetingId`. */
  userId?: number
  /** Headlines of this meeting (`GET L10/{id}/headlines`). Not with `userId`. */
  meetingId?: number
}

const ListHeadlinesInput = /* @__PURE__ */ v.object({ userId: /* @__PURE__ */ v.optional(Id), meetingId: /* @__PURE__ */ v.optional(Id) })

/**
 * Headlines of a user (default: you) or of a meeting; `userId` and `meetingId` are mutually exclusive.
 *
 * @example
 * const news = await listHeadlines(bloom, { meetingId: 123 })
 */
export function listHeadlines(client: BloomyClient, options?: ListHeadlinesOptions): Paginated<Headline> {
  return onePage(options, async () => {
    checkOptionKeys('listHeadlines', options, USER_MEETING_KEYS)
    const input = checkInput(ListHeadlinesInput, { userId: options?.userId, meetingId: options?.meetingId }, 'listHeadlines')
    exclusive(input, 'listHeadlines')
    const path =
      input.meetingId !== undefined
        ? `/L10/${seg(input.meetingId)}/headlines`
        : `/headline/users/${seg(await userIdOrMine(client, input.userId, options))}`
    return send(client, { operation: 'listHeadlines', path, schema: HeadlineListSchema }, (w: HeadlineWire[]) => w.map(toHeadline), options)
  })
}

/**
 * One headline with its meeting (`GET headline/{id}?Include_Origin=true`).
 *
 * @example
 * const headline = await getHeadline(bloom, 31)
 * console.log(headline.name, headline.origin)
 */
export async function getHeadline(client: BloomyClient, id: number, options?: CallOptions): Promise<Headline> {
  checkOptionKeys('getHeadline', options, CALL_OPTION_KEYS)
  const headlineId = checkId(id, 'getHeadline')
  return send(
    client,
    { operation: 'getHeadline', ...at('/headline/{headlineId}', { headlineId }), query: { Include_Origin: true }, schema: HeadlineSchema },
    (w: HeadlineWire) => toHeadline(w),
    options,
  )
}

export interface CreateHeadlineInput {
  meetingId: number
  title: string
  /** Owner; default the current user. */
  ownerId?: number
  notes?: string
}

const CreateHeadlineSchema = /* @__PURE__ */ v.object({
  meetingId: Id,
  title: Title,
  ownerId: /* @__PURE__ */ v.optional(Id),
  notes: /* @__PURE__ */ v.optional(/* @__PURE__ */ v.string('must be a string')),
})

/**
 * Creates a headline in a meeting (`POST L10/{meetingId}/headlines`).
 *
 * @example
 * const headline = await createHeadline(bloom, { meetingId: 123, title: 'Signed ACME' })
 */
export async function createHeadline(client: BloomyClient, input: CreateHeadlineInput, options?: CallOptions): Promise<Headline> {
  checkOptionKeys('createHeadline', options, CALL_OPTION_KEYS)
  const data = checkInput(CreateHeadlineSchema, input, 'createHeadline')
  const ownerId = await userIdOrMine(client, data.ownerId, options)
  const headline = await send(
    client,
    {
      operation: 'createHeadline',
      ...at('/L10/{meetingId}/headlines', { meetingId: data.meetingId }),
      method: 'POST',
      body: { title: data.title, ownerId, notes: data.notes },
      schema: HeadlineSchema,
    },
    (w: HeadlineWire) => toHeadline(w),
    options,
  )
  // The create response is short (Id, Name, DetailsUrl): fill in what we sent.
  return { ...headline, owner: headline.owner ?? { id: ownerId }, originId: headline.originId ?? data.meetingId }
}

const UpdateHeadlineSchema = /* @__PURE__ */ v.object({ title: Title })

/**
 * Renames a headline (`PUT headline/{id}`).
 *
 * @example
 * await updateHeadline(bloom, 31, { title: 'Signed ACME (3 years)' })
 */
export async function updateHeadline(
  client: BloomyClient,
  id: number,
  input: { title: string },
  options?: CallOptions,
): Promise<void> {
  checkOptionKeys('updateHeadline', options, CALL_OPTION_KEYS)
  const headlineId = checkId(id, 'updateHeadline')
  const data = checkInput(UpdateHeadlineSchema, input, 'updateHeadline')
  return sendVoid(client, { operation: 'updateHeadline', ...at('/headline/{headlineId}', { headlineId }), method: 'PUT', body: { title: data.title } }, options)
}

/**
 * Deletes a headline (`DELETE headline/{id}`).
 *
 * @example
 * await deleteHeadline(bloom, 31)
 */
export async function deleteHeadline(client: BloomyClient, id: number, options?: CallOptions): Promise<void> {
  checkOptionKeys('deleteHeadline', options, CALL_OPTION_KEYS)
  const headlineId = checkId(id, 'deleteHeadline')
  return sendVoid(client, { operation: 'deleteHeadline', ...at('/headline/{headlineId}', { headlineId }), method: 'DELETE',  }, options)
}
