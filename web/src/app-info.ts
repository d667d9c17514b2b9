export const PLATFORM_NAME = '校园反诈学习考试平台';
