<TextField label="API key" type="password" value={apiKey} onChange={e => setApiKey(e.target.value)} />
