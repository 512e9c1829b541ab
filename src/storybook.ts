export {
  activeStoryMocks,
  cognitoCleanup,
  cognitoLoader,
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
} from './adapters/storybook.ts'
