/**
 * The local signing agent (docs/signing-agent.md): a small HTTP server on the leader's own computer,
 * on 127.0.0.1 only, through which the Văn thư page lists the certificates of the leader's USB token
 * and has it sign the server's data-to-sign. The PIN is typed in the agent, never in the page.
 * Runs on its own ({@link vn.vanthu.agent.SigningAgent#main}): no Spring, and no other module of the
 * application, so that it can ship as a plain command.
 */
package vn.vanthu.agent;
