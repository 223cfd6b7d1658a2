export function LoginForm() {
  return (
    <form method="post">
      <label htmlFor="password">Password</label>
      <input id="password" type="password" name="password" autoComplete="current-password" placeholder="Enter your password" />
      <input type="hidden" name="csrf_token" value={csrfToken} />
    </form>
  );
}
