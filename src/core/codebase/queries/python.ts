/**
 * Tags query for Python: classes, functions (methods when nested in a class), module-level assignments; calls, bases,
 * imports. `@top`: only at module level (checked in the extractor; cheaper than patterns rooted at `(module …)`).
 */
export const pythonTags = String.raw`
(class_definition name: (identifier) @name.definition.class) @definition.class
(class_definition body: (block (function_definition name: (identifier) @name.definition.method) @definition.method))
(class_definition body: (block (decorated_definition (function_definition name: (identifier) @name.definition.method) @definition.method)))
(function_definition name: (identifier) @name.definition.function) @definition.function @top
(decorated_definition (function_definition name: (identifier) @name.definition.function) @definition.function) @top
(expression_statement (assignment left: (identifier) @name.definition.constant)) @definition.constant @top

(call (identifier) @name.reference.call)
(call (attribute attribute: (identifier) @name.reference.member))
(argument_list (identifier) @name.reference.call)
(class_definition superclasses: (argument_list (identifier) @name.reference.class))
(class_definition superclasses: (argument_list (attribute attribute: (identifier) @name.reference.class)))
(import_from_statement name: (dotted_name (identifier) @name.reference.import))
(import_from_statement name: (aliased_import name: (dotted_name (identifier) @name.reference.import)))
(decorator (identifier) @name.reference.call)
(type (identifier) @name.reference.type)
`;
