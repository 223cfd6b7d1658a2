export const secret = process.env.JWT_SECRET!;
export const token = process.env.GITHUB_TOKEN ?? "";
