import type { DemoTask } from '../stats.js'
import { bloomyTask } from './bloomy.js'
import { folioTask } from './folio.js'
import { salesforceTask } from './salesforce.js'
import { wikijsTask } from './wikijs.js'
import { workivaTask } from './workiva.js'

export const tasks: DemoTask[] = [workivaTask, salesforceTask, folioTask, bloomyTask, wikijsTask]
