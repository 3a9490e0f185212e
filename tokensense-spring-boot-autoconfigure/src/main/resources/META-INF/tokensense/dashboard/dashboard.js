// TokenSense usage dashboard: reads the tokensense actuator endpoint and draws it. No library, no build step.
(function () {
	'use strict';

	var SVG = 'http://www.w3.org/2000/svg';
	var MINUTE = 60000, HOUR = 60 * MINUTE, DAY = 24 * HOUR;
	// each window asks for about 24-30 buckets: enough to see a trend, few enough to read
	var WINDOWS = {
		hour: { since: 'PT1H', interval: 'PT5M', step: 5 * MINUTE },
		day: { since: 'P1D', interval: 'PT1H', step: HOUR },
		week: { since: 'P7D', interval: 'PT6H', step: 6 * HOUR },
		month: { since: 'P30D', interval: 'P1D', step: DAY }
	};
	var COLORS = ['#2f6fdf', '#e8833a', '#1f9d55', '#9b59b6', '#d64545', '#17a2b8', '#b8a200', '#8d6e63'];
	var OTHER = 'other models';
	var REFRESH_MS = 30000;
	var LATEST_CALLS = 20;

	var endpoint = meta('tokensense-endpoint');
	var state = meta('tokensense-state');
	var current = 'day';
	var timer = null;

	function meta(name) {
		var element = document.querySelector('meta[name="' + name + '"]');
		return element ? element.getAttribute('content') : '';
	}

	function $(id) {
		return document.getElementById(id);
	}

	// money as a plain decimal with two significant digits past the zeros: $0.0031, $0.000031, $12.50
	function usd(value) {
		var v = Number(value) || 0;
		if (v === 0) {
			return '$0.00';
		}
		var abs = Math.abs(v);
		if (abs >= 1) {
			return (v < 0 ? '-$' : '$') + abs.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
		}
		var digits = Math.min(12, Math.max(2, Math.ceil(-Math.log10(abs)) + 2));
		var text = abs.toFixed(digits).replace(/0+$/, '');
		var decimals = text.length - text.indexOf('.') - 1;
		if (decimals < 2) {
			text += '00'.slice(decimals);
		}
		return (v < 0 ? '-$' : '$') + text;
	}

	function count(value) {
		return (Number(value) || 0).toLocaleString('en-US');
	}

	function compact(value) {
		var v = Number(value) || 0;
		var units = [[1e9, 'G'], [1e6, 'M'], [1e3, 'k']];
		for (var i = 0; i < units.length; i++) {
			if (Math.abs(v) >= units[i][0]) {
				return +(v / units[i][0]).toFixed(1) + units[i][1];
			}
		}
		return String(+v.toFixed(1));
	}

	function percent(part, whole) {
		return whole > 0 ? (100 * part / whole).toFixed(1) + '%' : '–';
	}

	function tokensOf(row) {
		return (Number(row.inputTokens) || 0) + (Number(row.outputTokens) || 0);
	}

	function get(path) {
		return fetch(endpoint + path, { headers: { Accept: 'application/json' }, credentials: 'same-origin' })
			.then(function (response) {
				if (!response.ok) {
					var error = new Error('HTTP ' + response.status + ' from ' + endpoint + path);
					error.status = response.status;
					throw error;
				}
				return response.json();
			});
	}

	function notice(html, isError) {
		var box = $('notice');
		box.innerHTML = html;
		box.className = isError ? 'notice error' : 'notice';
		box.hidden = !html;
	}

	function load() {
		var requested = current;
		var w = WINDOWS[requested];
		var since = 'since=' + w.since;
		$('status').textContent = 'Loading…';
		document.body.removeAttribute('data-loaded');
		return Promise.all([
			get('?' + since),
			get('/session?' + since),
			get('/tag?' + since),
			get('/timeseries?' + since + '&interval=' + w.interval),
			get('/budgets').catch(function () { return null; }),
			get('/calls?' + since + '&limit=' + LATEST_CALLS)
		]).then(function (answers) {
			if (requested !== current) {
				return; // a later click asked for another window
			}
			notice('');
			render(answers[0], answers[1].rows, answers[2].rows, answers[3], answers[4]);
			callTable(answers[5].calls);
			$('status').textContent = 'Source: ' + answers[0].window.source + ' · updated '
				+ new Date().toLocaleTimeString('en-GB');
			// lets a test (or a person) see which window the numbers are for
			document.body.setAttribute('data-loaded', requested);
		}).catch(function (error) {
			$('status').textContent = '';
			var hint = (error.status === 401 || error.status === 403)
				? ' Sign in as a user allowed to read the endpoint.' : '';
			notice('<strong>Could not read the tokensense endpoint.</strong> ' + escapeHtml(error.message) + '.' + hint, true);
		});
	}

	function render(summary, sessions, tags, series, budgets) {
		var totals = summary.totals;
		var tokens = tokensOf(totals);
		$('kpi-cost').textContent = usd(totals.costUsd);
		$('kpi-cost-note').textContent = totals.calls > 0 ? usd(Number(totals.costUsd) / totals.calls) + ' per call' : 'no calls';
		$('kpi-calls').textContent = count(totals.calls);
		$('kpi-calls-note').textContent = summary.byModel.length + ' model' + (summary.byModel.length === 1 ? '' : 's')
			+ ', ' + summary.byUser.length + ' user' + (summary.byUser.length === 1 ? '' : 's');
		$('kpi-tokens').textContent = count(tokens);
		$('kpi-tokens-note').textContent = count(totals.inputTokens) + ' in · ' + count(totals.outputTokens) + ' out';
		$('kpi-error-rate').textContent = percent(totals.errors, totals.calls);
		$('kpi-errors-note').textContent = count(totals.errors) + ' of ' + count(totals.calls) + ' calls failed';
		$('kpi-unpriced').textContent = count(totals.unpricedCalls);

		var colors = colorsFor(summary.byModel);
		var buckets = fill(series);
		drawChart($('chart-cost'), buckets, colors, function (row) { return Number(row.costUsd) || 0; }, usd, 'USD');
		drawChart($('chart-tokens'), buckets, colors, tokensOf, compact, 'tokens');
		legend(colors);

		table($('table-model'), summary.byModel, 'Model');
		table($('table-user'), summary.byUser, 'User');
		table($('table-session'), sessions, 'Session');
		table($('table-tag'), tags, 'Tag');
		budgetTable(budgets ? budgets.budgets : []);
	}

	// the most expensive models get a colour each; the rest share one, so the legend stays short
	function colorsFor(models) {
		var colors = {};
		models.forEach(function (row, i) {
			colors[row.key] = i < COLORS.length - 1 ? COLORS[i] : '#9aa3af';
		});
		return colors;
	}

	function seriesKey(colors, key) {
		return Object.keys(colors).indexOf(key) < COLORS.length - 1 ? key : OTHER;
	}

	// one slot per interval over the whole window, empty ones included, so time runs evenly along the axis
	function fill(series) {
		var step = WINDOWS[current].step;
		var until = Date.parse(series.window.until);
		var since = series.window.since ? Date.parse(series.window.since) : until - step;
		var slots = [];
		var index = {};
		for (var t = Math.floor(since / step) * step; t < until; t += step) {
			index[t] = slots.length;
			slots.push({ start: t, byModel: [] });
		}
		series.buckets.forEach(function (bucket) {
			var at = index[Date.parse(bucket.start)];
			if (at !== undefined) {
				slots[at].byModel = bucket.byModel;
			}
		});
		return slots;
	}

	function el(name, attributes, text) {
		var element = document.createElementNS(SVG, name);
		Object.keys(attributes || {}).forEach(function (key) {
			element.setAttribute(key, attributes[key]);
		});
		if (text !== undefined) {
			element.textContent = text;
		}
		return element;
	}

	function niceStep(max, ticks) {
		var raw = max / ticks;
		var magnitude = Math.pow(10, Math.floor(Math.log10(raw)));
		var steps = [1, 2, 2.5, 5, 10];
		for (var i = 0; i < steps.length; i++) {
			if (raw <= steps[i] * magnitude) {
				return steps[i] * magnitude;
			}
		}
		return 10 * magnitude;
	}

	function timeLabel(ms) {
		var d = new Date(ms);
		if (current === 'hour' || current === 'day') {
			return d.toLocaleTimeString('en-GB', { hour: '2-digit', minute: '2-digit' });
		}
		if (current === 'week') {
			return d.toLocaleDateString('en-GB', { weekday: 'short', day: 'numeric' }) + ' '
				+ d.toLocaleTimeString('en-GB', { hour: '2-digit' }) + 'h';
		}
		return d.toLocaleDateString('en-GB', { day: 'numeric', month: 'short' });
	}

	function drawChart(svg, slots, colors, valueOf, format, unit) {
		while (svg.firstChild) {
			svg.removeChild(svg.firstChild);
		}
		var width = Math.max(svg.clientWidth || 600, 300);
		var height = 240;
		var left = 70, right = 10, top = 12, bottom = 40;
		var plotWidth = width - left - right, plotHeight = height - top - bottom;
		svg.setAttribute('viewBox', '0 0 ' + width + ' ' + height);

		var stacks = slots.map(function (slot) {
			var parts = {};
			slot.byModel.forEach(function (row) {
				var key = seriesKey(colors, row.key);
				parts[key] = (parts[key] || 0) + valueOf(row);
			});
			return parts;
		});
		var max = 0;
		stacks.forEach(function (parts) {
			var sum = 0;
			Object.keys(parts).forEach(function (key) { sum += parts[key]; });
			max = Math.max(max, sum);
		});

		var step = max > 0 ? niceStep(max, 4) : 1;
		var topValue = max > 0 ? Math.ceil(max / step) * step : 4;
		var y = function (v) { return top + plotHeight - (v / topValue) * plotHeight; };
		for (var v = 0; v <= topValue + step / 2; v += step) {
			svg.appendChild(el('line', { x1: left, x2: left + plotWidth, y1: y(v), y2: y(v), 'class': 'grid' }));
			svg.appendChild(el('text', { x: left - 6, y: y(v) + 4, 'text-anchor': 'end' }, max > 0 ? format(v) : ''));
		}
		svg.appendChild(el('text', { x: 12, y: top + plotHeight / 2, 'text-anchor': 'middle',
			transform: 'rotate(-90 12 ' + (top + plotHeight / 2) + ')' }, unit));

		var slotWidth = plotWidth / Math.max(slots.length, 1);
		var barWidth = Math.max(1, slotWidth * 0.72);
		var order = Object.keys(colors).map(function (key) { return seriesKey(colors, key); })
			.filter(function (key, i, all) { return all.indexOf(key) === i; });
		stacks.forEach(function (parts, i) {
			var base = 0;
			var x = left + i * slotWidth + (slotWidth - barWidth) / 2;
			order.concat(Object.keys(parts).filter(function (k) { return order.indexOf(k) < 0; })).forEach(function (key) {
				var value = parts[key];
				if (!value) {
					return;
				}
				var rect = el('rect', { x: x, y: y(base + value), width: barWidth,
					height: Math.max(1, y(base) - y(base + value)), fill: colors[key] || '#9aa3af', 'data-model': key });
				rect.appendChild(el('title', {}, key + ' · ' + timeLabel(slots[i].start) + ' · ' + format(value)));
				svg.appendChild(rect);
				base += value;
			});
		});

		svg.appendChild(el('line', { x1: left, x2: left + plotWidth, y1: top + plotHeight, y2: top + plotHeight, 'class': 'axis' }));
		var every = Math.max(1, Math.ceil(slots.length / 6));
		for (var i = 0; i < slots.length; i += every) {
			var cx = left + i * slotWidth + slotWidth / 2;
			svg.appendChild(el('line', { x1: cx, x2: cx, y1: top + plotHeight, y2: top + plotHeight + 4, 'class': 'axis' }));
			svg.appendChild(el('text', { x: cx, y: top + plotHeight + 17, 'text-anchor': 'middle' }, timeLabel(slots[i].start)));
		}
		svg.appendChild(el('text', { x: left + plotWidth / 2, y: height - 4, 'text-anchor': 'middle' }, 'time (your clock)'));
		if (max === 0) {
			svg.appendChild(el('text', { x: left + plotWidth / 2, y: top + plotHeight / 2, 'text-anchor': 'middle',
				'class': 'empty' }, 'No calls in this window'));
		}
	}

	function legend(colors) {
		var list = $('legend');
		list.innerHTML = '';
		var seen = {};
		Object.keys(colors).forEach(function (key) {
			var name = seriesKey(colors, key);
			if (seen[name]) {
				return;
			}
			seen[name] = true;
			var item = document.createElement('li');
			item.innerHTML = '<i style="background:' + colors[key] + '"></i>' + escapeHtml(name);
			list.appendChild(item);
		});
	}

	function table(element, rows, label) {
		var html = '<tr><th>' + label + '</th><th class="num">Calls</th><th class="num">Tokens</th>'
			+ '<th class="num">Errors</th><th class="num">Cost</th></tr>';
		rows.slice(0, 8).forEach(function (row) {
			html += '<tr data-key="' + escapeHtml(row.key) + '"><td class="key" title="' + escapeHtml(row.key) + '">'
				+ escapeHtml(row.key) + '</td><td class="num">' + count(row.calls) + '</td><td class="num">'
				+ count(tokensOf(row)) + '</td><td class="num">' + count(row.errors) + '</td><td class="num cost">'
				+ cost(row) + '</td></tr>';
		});
		if (rows.length === 0) {
			html += '<tr><td colspan="5" class="muted">No calls in this window</td></tr>';
		}
		element.innerHTML = html;
	}

	// a row whose calls have no price says so instead of showing a cost that looks like $0
	function cost(row) {
		var unpriced = Number(row.unpricedCalls) || 0;
		if (unpriced === 0) {
			return usd(row.costUsd);
		}
		var note = unpriced + ' successful call' + (unpriced === 1 ? '' : 's') + ' without a price';
		var priced = Number(row.costUsd) > 0 ? usd(row.costUsd) + ' + ' : '';
		return '<span title="' + note + '">' + priced + 'unpriced</span>';
	}

	// one row per call, newest first; content only when the application captured it
	function callTable(calls) {
		var html = '<tr><th>Time</th><th>Model</th><th>User</th><th>Session</th><th class="num">Tokens</th>'
			+ '<th class="num">Latency</th><th class="num">Cost</th><th>Status</th><th>Content</th></tr>';
		calls.forEach(function (call) {
			var status = call.status === 'SUCCESS' ? 'ok' : call.status.toLowerCase()
				+ (call.errorType ? ' ' + call.errorType : '');
			var content = [call.prompt, call.response].filter(function (text) { return text; }).join(' → ');
			html += '<tr data-id="' + escapeHtml(call.id) + '"><td>' + escapeHtml(new Date(call.timestamp)
				.toLocaleString('en-GB', { dateStyle: 'short', timeStyle: 'medium' })) + '</td><td class="key model">'
				+ escapeHtml(call.responseModel || call.requestModel || 'none') + '</td><td class="key user">'
				+ escapeHtml(call.userId || '') + '</td><td class="key">' + escapeHtml(call.sessionId || '')
				+ '</td><td class="num tokens">' + (call.totalTokens === undefined ? '–' : count(call.totalTokens))
				+ '</td><td class="num">' + count(call.latencyMs) + ' ms</td><td class="num cost">'
				+ (call.costUsd !== undefined ? usd(call.costUsd) : call.status === 'SUCCESS' ? 'unpriced' : '–')
				+ '</td><td class="call-status status-' + escapeHtml(call.status.toLowerCase()) + '">' + escapeHtml(status)
				+ '</td><td class="content" title="' + escapeHtml(content) + '">' + escapeHtml(content) + '</td></tr>';
		});
		if (calls.length === 0) {
			html += '<tr><td colspan="9" class="muted">No calls in this window</td></tr>';
		}
		$('table-calls').innerHTML = html;
	}

	function budgetTable(rows) {
		$('budgets-empty').hidden = rows.length > 0;
		var element = $('table-budgets');
		element.hidden = rows.length === 0;
		var html = '<tr><th>Budget</th><th>Scope</th><th class="num">Spent</th><th class="num">Limit</th>'
			+ '<th></th><th class="num">Remaining</th><th>Window ends</th><th>State</th></tr>';
		rows.forEach(function (row) {
			var share = Number(row.limit) > 0 ? Math.min(1, Number(row.spent) / Number(row.limit)) : 0;
			html += '<tr data-budget="' + escapeHtml(row.name) + '"><td>' + escapeHtml(row.name)
				+ (row.key ? ' <span class="muted">' + escapeHtml(row.key) + '</span>' : '') + '</td><td>'
				+ escapeHtml(row.scope) + '</td><td class="num">' + usd(row.spent) + '</td><td class="num">' + usd(row.limit)
				+ '</td><td><div class="bar"><b class="' + escapeHtml(row.state) + '" style="width:' + (100 * share).toFixed(1)
				+ '%"></b></div></td><td class="num">' + usd(row.remaining) + '</td><td>'
				+ new Date(row.windowEnd).toLocaleString('en-GB', { dateStyle: 'medium', timeStyle: 'short' }) + '</td><td><span class="state ' + escapeHtml(row.state) + '">'
				+ escapeHtml(row.state) + '</span></td></tr>';
		});
		element.innerHTML = html;
	}

	function escapeHtml(text) {
		return String(text === null || text === undefined ? '' : text).replace(/[&<>"']/g, function (c) {
			return { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c];
		});
	}

	function unavailable() {
		var messages = {
			'not-exposed': '<strong>The tokensense actuator endpoint is not exposed over HTTP</strong>, so this page has '
				+ 'nothing to read. Add it to <code>management.endpoints.web.exposure.include</code> (for example '
				+ '<code>health,tokensense</code>) and make sure it is not switched off '
				+ '(<code>management.endpoint.tokensense.access</code>, <code>tokensense.enabled</code>).',
			'other-port': '<strong>The actuator answers on its own port</strong> (<code>management.server.port</code>); '
				+ 'this page can only read the tokensense endpoint on the application\'s port.',
			'no-actuator': '<strong>Spring Boot Actuator is not on the class path</strong>: add '
				+ '<code>spring-boot-starter-actuator</code> and expose the <code>tokensense</code> endpoint.'
		};
		notice(messages[state] || ('The tokensense endpoint is unavailable (' + escapeHtml(state) + ').'), true);
		$('content').hidden = true;
		$('window-picker').hidden = true;
	}

	function select(name) {
		current = name;
		Array.prototype.forEach.call(document.querySelectorAll('#window-picker button'), function (button) {
			button.classList.toggle('selected', button.getAttribute('data-window') === name);
		});
		clearInterval(timer);
		timer = setInterval(load, REFRESH_MS);
		return load();
	}

	if (state !== 'exposed' || !endpoint) {
		unavailable();
		return;
	}
	$('window-picker').addEventListener('click', function (event) {
		var name = event.target.getAttribute && event.target.getAttribute('data-window');
		if (name && WINDOWS[name]) {
			select(name);
		}
	});
	select(current);
}());
