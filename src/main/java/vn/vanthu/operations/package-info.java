/**
 * Running the installation: the embedded H2's online backup (POST /api/admin/backup) and the
 * start-up lock that lets several nodes on one PostgreSQL start together (docs/operations.md).
 */
package vn.vanthu.operations;
