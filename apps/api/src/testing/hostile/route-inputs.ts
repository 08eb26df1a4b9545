import { RouteParamtypes } from '@nestjs/common/enums/route-paramtypes.enum';
import { ROUTE_ARGS_METADATA } from '@nestjs/common/constants';
import { DiscoveryService } from '@nestjs/core';
import { getMetadataStorage } from 'class-validator';
import { RouteEntry, RouteInventory } from '../../app/auth/route-inventory';
import type { TestApp } from '../test-app';

/** A route as a caller sees it, with the inputs its handler reads. */
export interface RouteWithInputs {
  /** `GET /api/staff/:id` */
  key: string;
  method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  /** The path with `:name` placeholders, global prefix included. */
  path: string;
  params: string[];
  /** Field names of the body DTO (empty when the body is read without one); null: no body read. */
  body: string[] | null;
  /** Field names of the query DTO; null: the query string is not read. */
  query: string[] | null;
  channel: 'staff' | 'ib';
  entry: RouteEntry;
}

interface ArgMetadata {
  index: number;
  data?: unknown;
}

/** Every Nest route with the inputs its handler declares (body, query, path parameters). */
export function routesWithInputs(t: TestApp): RouteWithInputs[] {
  const controllers = new Map(
    t.app
      .get(DiscoveryService)
      .getControllers()
      .filter((w) => w.metatype)
      .map((w) => [w.metatype?.name, w.metatype as new () => object]),
  );
  return t.app
    .get(RouteInventory)
    .routes()
    .map((entry) => {
      const type = controllers.get(entry.controller);
      const args = (
        type
          ? Reflect.getMetadata(ROUTE_ARGS_METADATA, type, entry.handler)
          : undefined
      ) as Record<string, ArgMetadata> | undefined;
      const paramTypes = (
        type
          ? Reflect.getMetadata(
              'design:paramtypes',
              type.prototype,
              entry.handler,
            )
          : []
      ) as unknown[];
      const of = (kind: RouteParamtypes) =>
        Object.entries(args ?? {})
          .filter(([key]) => key.split(':')[0] === String(kind))
          .map(([, meta]) => meta);
      const dtoFields = (meta: ArgMetadata | undefined): string[] | null => {
        if (!meta) return null;
        const dto = paramTypes[meta.index];
        return typeof dto === 'function' && dto !== Object && dto !== String
          ? fieldsOf(dto as new () => object)
          : [];
      };
      const ib = /^ib(\/|$)/.test(entry.path);
      const path = ib
        ? `/${entry.path}`
        : `/api/${entry.path}`.replace(/\/$/, '');
      return {
        key: `${entry.method} ${path}`,
        method: entry.method.toLowerCase() as RouteWithInputs['method'],
        path,
        params: [...path.matchAll(/:([A-Za-z]+)/g)].map((m) => m[1]),
        body: dtoFields(of(RouteParamtypes.BODY)[0]),
        query: dtoFields(of(RouteParamtypes.QUERY)[0]),
        channel: ib ? ('ib' as const) : ('staff' as const),
        entry,
      };
    });
}

/** The properties class-validator knows on a DTO (its own and inherited). */
function fieldsOf(dto: new () => object): string[] {
  return [
    ...new Set(
      getMetadataStorage()
        .getTargetValidationMetadatas(dto, '', true, false)
        .map((m) => m.propertyName),
    ),
  ];
}
