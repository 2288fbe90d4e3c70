/** A minimal page where an ops person trades the admin token for a codec session cookie (the token is never stored). */
export const signInPage = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>loyalty-hub · codec sign-in</title>
<style>body{font:15px system-ui;margin:3rem auto;max-width:34rem}input{width:100%;padding:.5rem}button{margin-top:1rem;padding:.5rem 1rem}</style></head>
<body><h1>Decode payloads in the Temporal Web UI</h1>
<p>Sign in with the admin token. The hub sets a session cookie for its codec endpoint (8 hours); the token itself is not kept.</p>
<form id="f"><input id="t" type="password" autocomplete="off" placeholder="Admin token" required><button>Sign in</button></form>
<p id="r" role="status"></p>
<p>Then, in the Temporal Web UI: <em>Codec Server</em> → endpoint <code id="e"></code>, and tick <em>Include cross-origin credentials</em>.</p>
<script>
document.getElementById('e').textContent = location.origin + '/codec';
document.getElementById('f').onsubmit = async (ev) => {
  ev.preventDefault();
  const res = await fetch('/codec/session', { method: 'POST', headers: { Authorization: 'Bearer ' + document.getElementById('t').value } });
  document.getElementById('t').value = '';
  document.getElementById('r').textContent = res.ok ? 'Signed in.' : 'That token was not accepted.';
};
</script></body></html>`;
