export const defaults = {
  apiKey: "",
  password: "********",
  token: "<token>",
};
