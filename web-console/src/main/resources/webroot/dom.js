// Small helpers to build the pages' DOM without inline markup (the console's CSP forbids inline script).

/**
 * Creates an element. {@code props}: text, class, attrs (attributes), data (dataset), on (listeners);
 * other keys are set as properties.
 */
export function el(tag, props = {}, ...children) {
    const element = document.createElement(tag);
    for (const [key, value] of Object.entries(props)) {
        if (value === undefined || value === null) {
            continue;
        }
        if (key === 'text') {
            element.textContent = value;
        } else if (key === 'class') {
            element.className = value;
        } else if (key === 'attrs') {
            Object.entries(value).forEach(([name, v]) => element.setAttribute(name, v));
        } else if (key === 'data') {
            Object.assign(element.dataset, value);
        } else if (key === 'on') {
            Object.entries(value).forEach(([type, listener]) => element.addEventListener(type, listener));
        } else {
            element[key] = value;
        }
    }
    element.append(...children.filter(child => child !== null && child !== undefined));
    return element;
}

/** A table row of cells; a cell is text, a number (aligned right) or a Node. */
export function row(cells, props = {}) {
    return el('tr', props, ...cells.map(content => el('td', {class: typeof content === 'number' ? 'num' : null},
        content instanceof Node ? content : String(content ?? '–'))));
}

/**
 * Shows one page of a cursor-paged list: the first page replaces the table's rows, a further one is
 * added below; the "Load more" button shows while there is a next page.
 *
 * @returns the cursor of the next page, or null
 */
export function showPage(table, rows, more, moreButton, next) {
    if (more) {
        table.append(...rows);
    } else {
        table.replaceChildren(...rows);
    }
    moreButton.hidden = !next;
    return next ?? null;
}

/** Keeps at most {@code max} items in a list, newest first. */
export function prepend(list, item, max = 20) {
    list.prepend(item);
    while (list.children.length > max) {
        list.lastElementChild.remove();
    }
}

/** A local date and time for an ISO instant, '–' for none. */
export function time(iso) {
    return iso ? new Date(iso).toLocaleString() : '–';
}

export function percent(rate) {
    return rate === null || rate === undefined ? '–' : (rate * 100).toFixed(1);
}

export function ms(value) {
    return value === null || value === undefined ? '–' : Number(value).toFixed(1);
}

/** Splits a comma-separated input into trimmed, non-empty items. */
export function list(text) {
    return text.split(',').map(item => item.trim()).filter(Boolean);
}

/** Shows a short message in the page's status line. */
export function notify(text, kind = 'info') {
    const notice = document.getElementById('notice');
    notice.textContent = text;
    notice.className = kind;
}

let errorIds = 0;

/**
 * Shows the API's field errors beside their inputs (a container with data-field naming the field, or
 * the nearest enclosing field), the rest at the top of the form; the first invalid input gets focus.
 */
export function showErrors(form, error) {
    clearErrors(form);
    const general = form.querySelector('.form-errors');
    const errors = error.errors?.length ? error.errors : [{field: null, message: error.message}];
    let first = null;
    for (const problem of errors) {
        const box = fieldBox(form, problem.field);
        const text = problem.fragment ? `${problem.message}: ${problem.fragment}` : problem.message;
        if (!box) {
            general.append(el('li', {text: problem.field ? `${problem.field} ${text}` : text}));
            continue;
        }
        // A field's own input; a box around several (a table of variants) only gets the message.
        const input = box.querySelector(':scope > input, :scope > textarea, :scope > select, :scope > label > input');
        const message = el('p', {class: 'field-error', id: `error-${++errorIds}`, text});
        box.append(message);
        box.classList.add('invalid');
        if (!input) {
            continue;
        }
        input.setAttribute('aria-invalid', 'true');
        const described = input.getAttribute('aria-describedby');
        input.setAttribute('aria-describedby', described ? `${described} ${message.id}` : message.id);
        first ??= input;
    }
    (first ?? general).focus?.();
}

export function clearErrors(form) {
    form.querySelectorAll('.field-error').forEach(message => message.remove());
    form.querySelectorAll('.invalid').forEach(box => box.classList.remove('invalid'));
    form.querySelectorAll('[aria-invalid]').forEach(input => {
        input.removeAttribute('aria-invalid');
        input.removeAttribute('aria-describedby');
    });
    form.querySelector('.form-errors')?.replaceChildren();
    const result = form.querySelector('.form-result');
    if (result) {
        result.textContent = '';
    }
}

// A field's own box if it has one ("rollout.variants[0].weight"), else the nearest enclosing one:
// "trigger.phrases[2]" is shown at trigger.phrases.
function fieldBox(form, field) {
    const own = field && form.querySelector(`[data-field="${CSS.escape(field)}"]`);
    if (own) {
        return own;
    }
    let name = field?.replace(/\[\d+].*$/, '');
    while (name) {
        const box = form.querySelector(`[data-field="${CSS.escape(name)}"]`);
        if (box) {
            return box;
        }
        name = name.includes('.') ? name.slice(0, name.lastIndexOf('.')) : null;
    }
    return null;
}

/** Writes the outcome of an operation into a form's result line. */
export function result(form, text) {
    form.querySelector('.form-result').textContent = text;
}
