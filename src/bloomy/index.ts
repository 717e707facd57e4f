// isosdk/bloomy — Bloom Growth API v1 (L10 meetings, todos, issues, goals, headlines, scorecard).
export { bloomy, BLOOMY_BASE_URL, type BloomyOptions } from './client.js'
export type { BloomyClient } from './_internal.js'
export { bloomyMapError } from './errors.js'
export { bloomyToken, TokenResponseSchema, type BloomyToken, type BloomyTokenOptions } from './token.js'
export {
  getCurrentUser,
  getUser,
  searchUsers,
  listUsers,
  type GetUserOptions,
  type ListUsersOptions,
} from './users.js'
export {
  listMeetings,
  getMeeting,
  listAttendees,
  listMeetingIssues,
  listMeetingTodos,
  listMeetingMetrics,
  createMeeting,
  deleteMeeting,
  MeetingMetricsSchema,
  type ListMeetingsOptions,
  type IncludeClosedOptions,
  type CreateMeetingInput,
} from './meetings.js'
export { getMeetingDetails, type MeetingDetails } from './meeting-details.js'
export {
  listTodos,
  getTodo,
  createTodo,
  updateTodo,
  completeTodo,
  CreateTodoInputSchema,
  type ListTodosOptions,
  type CreateTodoInput,
  type UpdateTodoInput,
} from './todos.js'
export {
  listIssues,
  getIssue,
  createIssue,
  updateIssue,
  completeIssue,
  type ListIssuesOptions,
  type CreateIssueInput,
  type UpdateIssueInput,
} from './issues.js'
export {
  listGoals,
  listArchivedGoals,
  getGoal,
  createGoal,
  updateGoal,
  completeGoal,
  archiveGoal,
  restoreGoal,
  deleteGoal,
  type GoalStatus,
  type ListGoalsOptions,
  type CreateGoalInput,
  type UpdateGoalInput,
} from './goals.js'
export {
  listHeadlines,
  getHeadline,
  createHeadline,
  updateHeadline,
  deleteHeadline,
  type ListHeadlinesOptions,
  type CreateHeadlineInput,
} from './headlines.js'
export {
  getCurrentWeek,
  listMeasurables,
  getMeasurable,
  createMeasurable,
  updateMeasurable,
  listScores,
  getScore,
  scoreMeasurable,
  type ListMeasurablesOptions,
  type CreateMeasurableInput,
  type UpdateMeasurableInput,
  type ListScoresOptions,
  type ScoreMeasurableInput,
} from './scorecard.js'
export { createTodos, type BulkOptions, type BulkResult, type BulkFailure } from './bulk.js'
export * from './schemas.js'
