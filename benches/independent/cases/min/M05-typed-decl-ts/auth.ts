export const apiSecret: string = "lotq0JNvPvEGrh0V";
