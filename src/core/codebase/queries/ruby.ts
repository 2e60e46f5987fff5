/** Tags query for Ruby: classes, modules, methods, singleton methods, constants; calls, superclasses, constant uses. */
export const rubyTags = String.raw`
(class name: [(constant) (scope_resolution name: (constant))] @name.definition.class) @definition.class
(module name: [(constant) (scope_resolution name: (constant))] @name.definition.module) @definition.module
(method name: (_) @name.definition.method) @definition.method
(singleton_method name: (_) @name.definition.method) @definition.method
(assignment left: (constant) @name.definition.constant) @definition.constant

(call receiver: (_) method: (identifier) @name.reference.member)
(call !receiver method: (identifier) @name.reference.call)
(call receiver: (constant) @name.reference.class)
(superclass (constant) @name.reference.class)
(superclass (scope_resolution name: (constant) @name.reference.class))
(scope_resolution name: (constant) @name.reference.class)
(argument_list (constant) @name.reference.class)
`;
