// The sign-in page: posts the user and password as JSON to /api/login (the session cookie is HttpOnly, so the page
// never sees it) and goes to the dashboard; says why when it cannot.
'use strict';

function show(text) {
  const message = document.getElementById('signin-message');
  message.textContent = text;
  message.hidden = !text;
}

async function signIn(event) {
  event.preventDefault();
  const button = document.getElementById('signin-submit');
  button.disabled = true;
  show('');
  try {
    const response = await fetch('/api/login', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ user: document.getElementById('signin-user').value,
                             password: document.getElementById('signin-password').value }),
    });
    if (response.ok) {
      window.location.assign('/');
      return;
    }
    const body = await response.json().catch(() => ({}));
    show(body.error || 'Sign-in failed (HTTP ' + response.status + ')');
  } catch (error) {
    show('The dashboard did not answer: ' + error.message);
  } finally {
    button.disabled = false;
    document.getElementById('signin-password').value = '';
  }
}

document.addEventListener('DOMContentLoaded', () => {
  document.getElementById('signin-form').addEventListener('submit', signIn);
});
