// Calls to the host's API with the token of this browser tab; failures carry the problem+json body.
const TOKEN_KEY = 'assist-token';

/** A refused call: the HTTP status and the host's problem (detail, and errors naming fields). */
export class ApiError extends Error {
    constructor(status, problem) {
        super(problem?.detail ?? `the host answered ${status}`);
        this.status = status;
        this.problem = problem ?? {};
        this.errors = Array.isArray(problem?.errors) ? problem.errors : [];
    }
}

export const token = {
    get: () => sessionStorage.getItem(TOKEN_KEY),
    set: value => sessionStorage.setItem(TOKEN_KEY, value),
    clear: () => sessionStorage.removeItem(TOKEN_KEY),
};

function parse(text) {
    try {
        return text ? JSON.parse(text) : null;
    } catch {
        return {detail: text};
    }
}

/**
 * Calls the API. A plain object body is sent as JSON; a Blob or File as it is, with its own type.
 *
 * @returns {Promise<{status: number, body: any, etag: string|null}>}
 */
export async function api(path, {method = 'GET', body, headers = {}} = {}) {
    const init = {method, headers: {Accept: 'application/json, application/problem+json', ...headers}};
    if (token.get()) {
        init.headers.Authorization = `Bearer ${token.get()}`;
    }
    if (body instanceof Blob) {
        init.body = body;
    } else if (body !== undefined) {
        init.body = JSON.stringify(body);
        init.headers['Content-Type'] = 'application/json';
    }
    const response = await fetch(path, init);
    const json = parse(await response.text());
    if (response.status === 401) {
        document.dispatchEvent(new CustomEvent('assist:unauthorized', {detail: json?.detail}));
    }
    if (!response.ok && response.status !== 304) {
        throw new ApiError(response.status, json);
    }
    return {status: response.status, body: json, etag: response.headers.get('ETag')};
}
