/**
 * The user's key and code go only to the endpoint the user chose: when the configured autoAgent.baseUrl cannot be
 * read (a remote or code-server window after a settings write), the task stops instead of falling back to the
 * default endpoint. The code-server end-to-end scenario drives the real case (Select Model, then a task).
 */
import { strict as assert } from 'node:assert';
import { endpointProblem, errorActionsFor } from '../../src/vscode/endpointGuard';

const proxy = { provider: 'openai', baseUrl: 'http://127.0.0.1:4000/v1' };
const openAiDefault = { provider: 'openai', baseUrl: 'https://api.openai.com/v1' };

describe('security: the endpoint is never silently changed', () => {
  it('Secrets: an unreadable autoAgent.baseUrl stops the task — nothing goes to the default endpoint; the message names the setting and both URLs', () => {
    const problem = endpointProblem({ ...openAiDefault, isUserSet: false }, proxy);
    assert.ok(problem);
    assert.match(problem, /autoAgent\.baseUrl/);
    assert.match(problem, /http:\/\/127\.0\.0\.1:4000\/v1/);
    assert.match(problem, /https:\/\/api\.openai\.com\/v1/);
    assert.match(problem, /Open Remote Settings/);
  });

  it('Secrets: an unreadable autoAgent.provider stops the task too — never another provider', () => {
    assert.ok(endpointProblem({ ...openAiDefault, isUserSet: false }, { provider: 'anthropic', baseUrl: 'https://api.anthropic.com' }));
  });

  it('Secrets: a task goes where the readable settings say, or to the default when nothing else was ever configured', () => {
    assert.equal(endpointProblem({ ...openAiDefault, isUserSet: true }, proxy), undefined);
    assert.equal(endpointProblem({ ...proxy, isUserSet: true }, proxy), undefined);
    assert.equal(endpointProblem({ ...openAiDefault, isUserSet: false }, undefined), undefined);
    assert.equal(endpointProblem({ ...openAiDefault, isUserSet: false }, openAiDefault), undefined);
  });

  it('offers Set API Key and Open Settings on endpoint and key errors only', () => {
    assert.deepEqual(errorActionsFor('Could not reach the model endpoint: Connection error.', 'connection'), ['Set API Key', 'Open Settings']);
    assert.deepEqual(errorActionsFor('The endpoint rejected the API key (401).', 'auth'), ['Set API Key', 'Open Settings']);
    assert.deepEqual(errorActionsFor('Nothing was sent: autoAgent.baseUrl cannot be read in this window.', 'endpoint_unreadable'), ['Set API Key', 'Open Settings']);
    assert.deepEqual(errorActionsFor('Open a folder first: the agent works inside workspace folders.'), []);
  });
});
