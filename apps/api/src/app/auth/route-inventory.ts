import {
  Injectable,
  Logger,
  OnApplicationBootstrap,
  RequestMethod,
} from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { DiscoveryService, MetadataScanner, Reflector } from '@nestjs/core';
import { RouteAccess, routeAccess } from './permissions.decorator';

export interface RouteEntry {
  /** `GET`, `POST` … */
  method: string;
  /** Path below the global prefix, e.g. `staff/:id`. */
  path: string;
  controller: string;
  handler: string;
  access: RouteAccess | undefined;
}

/**
 * Every HTTP route of the application with the access it declares, read from the controllers'
 * metadata. At start-up, a route that declares none is reported (the guard refuses it anyway).
 */
@Injectable()
export class RouteInventory implements OnApplicationBootstrap {
  private readonly logger = new Logger(RouteInventory.name);

  constructor(
    private readonly discovery: DiscoveryService,
    private readonly scanner: MetadataScanner,
    private readonly reflector: Reflector,
  ) {}

  routes(): RouteEntry[] {
    const entries: RouteEntry[] = [];
    for (const wrapper of this.discovery.getControllers()) {
      const type = wrapper.metatype;
      const instance = wrapper.instance as object | undefined;
      if (!type || !instance) continue;
      const prototype = Object.getPrototypeOf(instance) as Record<
        string,
        unknown
      >;
      const bases = paths(Reflect.getMetadata(PATH_METADATA, type));
      for (const name of this.scanner.getAllMethodNames(prototype)) {
        const handler = prototype[name];
        if (typeof handler !== 'function') continue;
        const method = Reflect.getMetadata(METHOD_METADATA, handler) as
          RequestMethod | undefined;
        if (method === undefined) continue;
        const access = routeAccess(this.reflector, handler, type);
        for (const base of bases) {
          for (const sub of paths(
            Reflect.getMetadata(PATH_METADATA, handler),
          )) {
            const path = [base, sub]
              .map((p) => p.replace(/^\/+|\/+$/g, ''))
              .filter(Boolean)
              .join('/');
            entries.push({
              method: RequestMethod[method],
              path,
              controller: type.name,
              handler: name,
              access,
            });
          }
        }
      }
    }
    return entries;
  }

  onApplicationBootstrap(): void {
    for (const route of this.routes().filter((r) => !r.access)) {
      this.logger.error(
        `${route.method} /${route.path} (${route.controller}.${route.handler}) declares no access: every call is refused`,
      );
    }
  }
}

function paths(value: unknown): string[] {
  if (Array.isArray(value)) return value.map(String);
  return [typeof value === 'string' ? value : ''];
}
