export {
  activeStoryMocks,
  cognitoCleanup,
  cognitoLoader,
  cognitoStory,
  cognitoStoryHandlers,
  startStorybookWorker,
} from './adapters/storybook.ts'
export type {
  CognitoLoadedContext,
  CognitoStory,
  CognitoStoryContext,
  CognitoStoryParameters,
  CognitoStoryUser,
  StorybookWorkerOptions,
} from './adapters/storybook-types.ts'
export type { StorySignedInAs } from './adapters/storybook-session.ts'
