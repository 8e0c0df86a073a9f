// Shows the host's liveness and readiness; the console's pages build on this module.
async function show(path, elementId) {
    const element = document.getElementById(elementId);
    try {
        const response = await fetch(path, {headers: {Accept: 'application/json'}});
        const body = await response.json();
        element.textContent = response.ok ? body.status : `${body.status ?? response.status}: ${body.detail ?? ''}`;
    } catch (error) {
        element.textContent = `unreachable (${error.message})`;
    }
}

show('health', 'health');
show('ready', 'ready');
