/**
 * The format of the flattened syntax tree that crosses from the worker to the page's tree panel. Plain
 * data and constants only, no tree-sitter: the page imports this module, and its bundle must hold no parser.
 */
import type { Range } from './types';

/** Numbers per row in `rows`: depth, type index, field index (-1: none), start row, start column, end row, end column, flags. */
export const ROW_WIDTH = 8;
export const DEPTH = 0;
export const TYPE = 1;
export const FIELD = 2;
export const START_ROW = 3;
export const START_COLUMN = 4;
export const END_ROW = 5;
export const END_COLUMN = 6;
export const FLAGS = 7;

export const FLAG_ERROR = 1;
export const FLAG_MISSING = 2;

/** A test class, test function or setup method, as the rules see them (see scope.ts). */
export interface TestDefinition extends Range {
  kind: 'class' | 'function' | 'setup';
  name: string;
  /** Where the name is (1-based, UTF-16 columns): "go to the test" puts the cursor there. */
  nameLine: number;
  nameColumn: number;
  /** Index (in the same list) of the nearest enclosing listed definition (a test class, or a test holding a class), or -1. */
  parent: number;
}

export interface SyntaxTreeRows {
  /** Node type names; rows refer to them by index. */
  types: string[];
  /** Field names (`function`, `arguments`...); rows refer to them by index. */
  fields: string[];
  /** ROW_WIDTH integers per named node, in document order. Rows and columns are 0-based (tree-sitter's). */
  rows: Int32Array;
  count: number;
  /**
   * The file's test classes, test functions and setup methods in document order; their ranges include
   * decorators, so a finding on `@mock.patch(...)` belongs to the test it decorates.
   */
  tests: TestDefinition[];
}
