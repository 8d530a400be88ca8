// The chat page: subscribes to the room's SSE channel, shows each message once (ids are
// remembered, so replay after a reconnect never duplicates), and posts new messages as JSON.

const HISTORY_LOST = 'house-history-lost';
// Presence: the server lists who is in the room first, then tells who joins and leaves (once per
// person, however many tabs they have, and not for a quick reconnect).
const PRESENCE = 'presence';
const JOIN = 'house-join';
const LEAVE = 'house-leave';
// Sent by a secured server (profile `secure`) just before it ends a stream opened with a token
// at the token's expiry: reconnecting with the same token would only get 401.
const AUTH_EXPIRED = 'house-auth-expired';
// When the browser gives up on a stream (an error status, e.g. while the server restarts), the
// page retries by hand, waiting longer each time up to a limit, and from the start again once open.
const RETRY_FIRST_MS = 1000;
const RETRY_MAX_MS = 30000;
const ROOM_MAX = 16;

const $ = (id) => document.getElementById(id);
const ui = {
  status: $('status'),
  roomForm: $('room-form'),
  room: $('room'),
  currentRoom: $('current-room'),
  notice: $('notice'),
  messages: $('messages'),
  empty: $('empty'),
  sendForm: $('send-form'),
  name: $('name'),
  message: $('message'),
  send: $('send'),
  people: $('people'),
  peopleCount: $('people-count'),
  peopleNews: $('people-news'),
};

const chat = {
  room: null,
  source: null,
  seen: new Set(),
  lastEventId: '',
  retryTimer: null,
  retryMs: RETRY_FIRST_MS,
  present: new Set(),
  presentAs: '',
};

function setStatus(state, text) {
  ui.status.dataset.state = state;
  ui.status.textContent = text ?? state;
}

function showNotice(text) {
  ui.notice.textContent = text;
  ui.notice.hidden = !text;
}

function subscribe(room, { keepMessages = false } = {}) {
  clearTimeout(chat.retryTimer);
  if (chat.source) {
    chat.source.close();
  }
  if (!keepMessages) {
    chat.seen.clear();
    chat.lastEventId = '';
    ui.messages.replaceChildren();
    ui.empty.hidden = false;
    showNotice('');
  }
  chat.room = room;
  ui.currentRoom.textContent = room;
  document.title = `${room} · house chat`;
  const params = new URLSearchParams({ room });
  // Present in the room under the name in the name field when joining (a later name shows on
  // the next join: changing streams mid-conversation is not worth a flicker).
  chat.presentAs = ui.name.value.trim();
  if (chat.presentAs) {
    params.set('name', chat.presentAs);
  }
  if (chat.lastEventId) {
    // A fresh EventSource cannot send Last-Event-ID, so the id goes in the query instead.
    params.set('lastEventId', chat.lastEventId);
  }
  const source = new EventSource(`/source?${params}`);
  chat.source = source;
  setStatus('connecting', 'connecting…');

  source.onopen = () => {
    if (chat.source !== source) return;
    chat.retryMs = RETRY_FIRST_MS;
    setStatus('connected');
  };
  source.onerror = () => {
    if (chat.source !== source) return;
    if (source.readyState === EventSource.CLOSED) {
      // The browser gave up (e.g. an error status while the server restarted): retry by hand.
      setStatus('reconnecting', 'reconnecting…');
      chat.retryTimer = setTimeout(() => subscribe(room, { keepMessages: true }), chat.retryMs);
      chat.retryMs = Math.min(chat.retryMs * 2, RETRY_MAX_MS);
    } else {
      setStatus('reconnecting', 'reconnecting…');
    }
  };
  source.onmessage = (event) => {
    if (chat.source !== source) return;
    if (event.lastEventId) {
      if (chat.seen.has(event.lastEventId)) return;
      chat.seen.add(event.lastEventId);
      chat.lastEventId = event.lastEventId;
    }
    try {
      render(JSON.parse(event.data));
    } catch (e) {
      render({ name: '?', message: event.data, at: null });
    }
  };
  source.addEventListener(PRESENCE, (event) => {
    if (chat.source !== source) return;
    chat.present = new Set(JSON.parse(event.data).names);
    renderPeople();
  });
  for (const [type, verb] of [[JOIN, 'joined'], [LEAVE, 'left']]) {
    source.addEventListener(type, (event) => {
      if (chat.source !== source) return;
      if (event.lastEventId) {
        if (chat.seen.has(event.lastEventId)) return;
        chat.seen.add(event.lastEventId);
        chat.lastEventId = event.lastEventId;
      }
      for (const { id } of JSON.parse(event.data).members) {
        if (type === JOIN) chat.present.add(id); else chat.present.delete(id);
        announce(`${id} ${verb}`);
      }
      renderPeople();
    });
  }
  source.addEventListener(HISTORY_LOST, () => {
    if (chat.source !== source) return;
    showNotice('Some earlier messages could not be recovered after the reconnection.');
  });
  source.addEventListener(AUTH_EXPIRED, () => {
    if (chat.source !== source) return;
    source.close();
    setStatus('signed-out', 'signed out');
    showNotice('Your sign-in expired: reload the page to sign in again.');
  });
}

function render({ name, message, at }) {
  const item = document.createElement('li');
  const meta = document.createElement('div');
  meta.className = 'meta';
  const who = document.createElement('span');
  who.className = 'who';
  who.textContent = name; // textContent: never interpreted as HTML
  meta.append(who);
  if (at) {
    const time = document.createElement('time');
    time.dateTime = at;
    time.textContent = new Date(at).toLocaleTimeString();
    meta.append(time);
  }
  const text = document.createElement('p');
  text.className = 'text';
  text.textContent = message;
  item.append(meta, text);
  ui.messages.append(item);
  ui.empty.hidden = true;
  ui.messages.scrollTop = ui.messages.scrollHeight;
}

function renderPeople() {
  const names = [...chat.present].sort();
  ui.people.replaceChildren(...names.map((name) => {
    const item = document.createElement('li');
    item.textContent = name; // textContent: never interpreted as HTML
    return item;
  }));
  ui.peopleCount.textContent = String(names.length);
}

// The latest join or leave, next to the list (the message log holds messages only).
function announce(text) {
  ui.peopleNews.textContent = text;
}

function clearErrors() {
  for (const field of ['room', 'name', 'message']) {
    $(`${field}-error`).textContent = '';
    $(field).removeAttribute('aria-invalid');
  }
}

function showErrors(problem) {
  const errors = Array.isArray(problem?.errors) ? problem.errors : [];
  if (errors.length === 0) {
    $('message-error').textContent = problem?.detail ?? 'The message could not be sent.';
    return;
  }
  for (const error of errors) {
    const field = $(error.name);
    const slot = $(`${error.name}-error`);
    if (field && slot) {
      field.setAttribute('aria-invalid', 'true');
      slot.textContent = `${capitalise(error.name)} ${error.message}.`;
    } else {
      $('message-error').textContent = `${error.name} ${error.message}.`;
    }
  }
}

function capitalise(word) {
  return word.charAt(0).toUpperCase() + word.slice(1);
}

async function send() {
  clearErrors();
  if (!chat.room) {
    ui.room.setAttribute('aria-invalid', 'true');
    $('room-error').textContent = 'Join a room first.';
    return;
  }
  ui.send.disabled = true;
  try {
    const response = await fetch('/send-message', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
      body: JSON.stringify({ room: chat.room, name: ui.name.value, message: ui.message.value }),
    });
    if (response.ok) {
      ui.message.value = '';
      localStorage.setItem('house-chat-name', ui.name.value);
      return;
    }
    const problem = await response.json().catch(() => null);
    showErrors(problem);
  } catch (e) {
    $('message-error').textContent = 'The server cannot be reached; try again in a moment.';
  } finally {
    ui.send.disabled = false;
    ui.message.focus();
  }
}

// The server's rule for rooms (String.length counts UTF-16 units, as the server does).
function checkRoom(room) {
  $('room-error').textContent = '';
  ui.room.removeAttribute('aria-invalid');
  if (room.length >= 1 && room.length <= ROOM_MAX) return true;
  ui.room.setAttribute('aria-invalid', 'true');
  $('room-error').textContent = `Room must be 1 to ${ROOM_MAX} characters long.`;
  return false;
}

ui.roomForm.addEventListener('submit', (event) => {
  event.preventDefault();
  const room = ui.room.value.trim();
  if (!checkRoom(room)) return;
  const url = new URL(location.href);
  url.searchParams.set('room', room);
  history.replaceState(null, '', url);
  subscribe(room);
});

ui.sendForm.addEventListener('submit', (event) => {
  event.preventDefault();
  send();
});

ui.message.addEventListener('keydown', (event) => {
  if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
    event.preventDefault();
    send();
  }
});

const initialRoom = (new URLSearchParams(location.search).get('room') ?? '').trim() || ui.room.value || 'lobby';
ui.room.value = initialRoom;
ui.name.value = localStorage.getItem('house-chat-name') ?? '';
if (checkRoom(initialRoom)) {
  subscribe(initialRoom);
} else {
  // A room the server would refuse (say, from an edited link): ask for another, connect to none.
  ui.currentRoom.textContent = '';
  setStatus('disconnected', 'not connected');
}
