/**
 * One small source per language with the definitions (name, kind, 1-based line) and references (name, line)
 * the tags queries must find in it.
 */
import type { LanguageId } from '../../../src/core/codebase/languages';

export interface LanguageFixture {
  file: string;
  source: string;
  definitions: [name: string, kind: string, line: number][];
  references: [name: string, line: number][];
}

export const languageFixtures: Record<LanguageId, LanguageFixture> = {
  typescript: {
    file: 'shapes.ts',
    source: [
      "import { Base } from './base';", // 1
      'export interface Shape<out A> {', // 2
      '  area(): number', // 3
      '}', // 4
      'export type Id = string', // 5
      'export enum Color { Red }', // 6
      'export class Circle extends Base implements Shape<number> {', // 7
      '  area(): number { return computeArea(this.r); }', // 8
      '}', // 9
      'export function computeArea(r: number): number {', // 10
      '  return new Circle().area() * r;', // 11
      '}', // 12
      'export const double = (x: number) => x * 2;', // 13
    ].join('\n'),
    definitions: [['Shape', 'interface', 2], ['area', 'method', 3], ['Id', 'type', 5], ['Color', 'enum', 6], ['Circle', 'class', 7], ['area', 'method', 8], ['computeArea', 'function', 10], ['double', 'constant', 13]],
    references: [['Base', 1], ['Base', 7], ['Shape', 7], ['computeArea', 8], ['Circle', 11], ['area', 11]],
  },
  tsx: {
    file: 'view.tsx',
    source: [
      'export function Button(props: { label: string }) {', // 1
      '  return <button>{props.label}</button>;', // 2
      '}', // 3
      'export const App = () => <Panel><Button label="x" /></Panel>;', // 4
    ].join('\n'),
    definitions: [['Button', 'function', 1], ['App', 'constant', 4]],
    references: [['Button', 4], ['Panel', 4]],
  },
  javascript: {
    file: 'util.js',
    source: [
      "import { parse } from './parser.js';", // 1
      'export class Store {', // 2
      '  get(key) { return lookup(key); }', // 3
      '}', // 4
      'function lookup(key) {', // 5
      '  return parse(key);', // 6
      '}', // 7
      'const store = new Store();', // 8
    ].join('\n'),
    definitions: [['Store', 'class', 2], ['get', 'method', 3], ['lookup', 'function', 5], ['store', 'constant', 8]],
    references: [['parse', 1], ['lookup', 3], ['parse', 6], ['Store', 8]],
  },
  python: {
    file: 'models.py',
    source: [
      'from base import Model', // 1
      'LIMIT = 10', // 2
      'class User(Model):', // 3
      '    def save(self):', // 4
      '        return validate(self)', // 5
      '', // 6
      'def validate(user):', // 7
      '    return User.check(user)', // 8
    ].join('\n'),
    definitions: [['LIMIT', 'constant', 2], ['User', 'class', 3], ['save', 'method', 4], ['validate', 'function', 7]],
    references: [['Model', 1], ['Model', 3], ['validate', 5], ['check', 8]],
  },
  go: {
    file: 'server.go',
    source: [
      'package server', // 1
      'type Handler interface {', // 2
      '\tServe(req Request) error', // 3
      '}', // 4
      'type Request struct{ Path string }', // 5
      'func (s *Server) Start() error {', // 6
      '\treturn listen(Request{})', // 7
      '}', // 8
      'func listen(r Request) error { return nil }', // 9
    ].join('\n'),
    definitions: [['Handler', 'interface', 2], ['Serve', 'method', 3], ['Request', 'class', 5], ['Start', 'method', 6], ['listen', 'function', 9]],
    references: [['Request', 3], ['Server', 6], ['listen', 7], ['Request', 7]],
  },
  rust: {
    file: 'lib.rs',
    source: [
      'pub struct Point { x: i32 }', // 1
      'pub trait Shape { fn area(&self) -> f64; }', // 2
      'impl Shape for Point {', // 3
      '    fn area(&self) -> f64 { compute(self.x) }', // 4
      '}', // 5
      'fn compute(x: i32) -> f64 { Point { x }.area() }', // 6
      'mod geometry {}', // 7
    ].join('\n'),
    definitions: [['Point', 'class', 1], ['Shape', 'interface', 2], ['area', 'method', 2], ['area', 'method', 4], ['compute', 'function', 6], ['geometry', 'module', 7]],
    references: [['Shape', 3], ['Point', 3], ['compute', 4], ['Point', 6], ['area', 6]],
  },
  java: {
    file: 'Service.java',
    source: [
      'public class Service extends BaseService implements Runnable {', // 1
      '  private Repository repo;', // 2
      '  public Service() { repo = new Repository(); }', // 3
      '  public void run() { repo.save(build()); }', // 4
      '  Item build() { return null; }', // 5
      '}', // 6
      'interface Repository2 {}', // 7
    ].join('\n'),
    definitions: [['Service', 'class', 1], ['repo', 'field', 2], ['Service', 'method', 3], ['run', 'method', 4], ['build', 'method', 5], ['Repository2', 'interface', 7]],
    references: [['BaseService', 1], ['Repository', 3], ['save', 4], ['build', 4], ['Item', 5]],
  },
  c: {
    file: 'list.c',
    source: [
      '#define MAX 10', // 1
      'struct node { int v; };', // 2
      'typedef struct node node_t;', // 3
      'static int count(node_t *n) {', // 4
      '  return helper(n);', // 5
      '}', // 6
      'int helper(node_t *n);', // 7
    ].join('\n'),
    definitions: [['MAX', 'macro', 1], ['node', 'class', 2], ['node_t', 'type', 3], ['count', 'function', 4], ['helper', 'function', 7]],
    references: [['node_t', 4], ['helper', 5]],
  },
  cpp: {
    file: 'widget.cpp',
    source: [
      'namespace ui {', // 1
      'class Widget : public Base {', // 2
      ' public:', // 3
      '  void draw();', // 4
      '};', // 5
      'void Widget::draw() { render(this); }', // 6
      'int render(Widget *w) { return w->size(); }', // 7
      '}', // 8
    ].join('\n'),
    definitions: [['ui', 'module', 1], ['Widget', 'class', 2], ['draw', 'method', 4], ['draw', 'method', 6], ['render', 'function', 7]],
    references: [['Base', 2], ['render', 6], ['Widget', 7], ['size', 7]],
  },
  c_sharp: {
    file: 'Orders.cs',
    source: [
      'namespace Shop {', // 1
      '  public interface IOrders { void Place(Order o); }', // 2
      '  public class Orders : IOrders {', // 3
      '    public int Count { get; set; }', // 4
      '    public void Place(Order o) { Validate(o); var c = new Cart(); }', // 5
      '    private bool Validate(Order o) => true;', // 6
      '  }', // 7
      '}', // 8
    ].join('\n'),
    definitions: [['Shop', 'module', 1], ['IOrders', 'interface', 2], ['Place', 'method', 2], ['Orders', 'class', 3], ['Count', 'field', 4], ['Place', 'method', 5], ['Validate', 'method', 6]],
    references: [['Order', 2], ['IOrders', 3], ['Validate', 5], ['Cart', 5]],
  },
  ruby: {
    file: 'account.rb',
    source: [
      'module Billing', // 1
      '  RATE = 3', // 2
      '  class Account < Base', // 3
      '    def charge(amount)', // 4
      '      Ledger.record(amount)', // 5
      '    end', // 6
      '    def self.open', // 7
      '      new', // 8
      '    end', // 9
      '  end', // 10
      'end', // 11
    ].join('\n'),
    definitions: [['Billing', 'module', 1], ['RATE', 'constant', 2], ['Account', 'class', 3], ['charge', 'method', 4], ['open', 'method', 7]],
    references: [['Base', 3], ['Ledger', 5], ['record', 5]],
  },
  php: {
    file: 'Mailer.php',
    source: [
      '<?php', // 1
      'interface Transport {}', // 2
      'class Mailer extends Service implements Transport {', // 3
      '  public function send(Message $m) { return format($m); }', // 4
      '}', // 5
      'function format($m) { return new Envelope(); }', // 6
      '$x = Mailer::create();', // 7
    ].join('\n'),
    definitions: [['Transport', 'interface', 2], ['Mailer', 'class', 3], ['send', 'method', 4], ['format', 'function', 6]],
    references: [['Service', 3], ['Transport', 3], ['Message', 4], ['format', 4], ['Envelope', 6], ['Mailer', 7], ['create', 7]],
  },
};
