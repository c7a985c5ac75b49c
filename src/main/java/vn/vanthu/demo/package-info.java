/** The embedded default's demo users, address book and keys (vanthu.demo-data). */
package vn.vanthu.demo;
