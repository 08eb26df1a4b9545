import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { MatCardModule } from '@angular/material/card';
import { MatChipsModule } from '@angular/material/chips';
import { HealthApi } from '../../core/health-api';
import { JapaneseDatePipe } from '../../core/japanese-date.pipe';
import { loadOnce } from '../../core/async-state';

const DATABASE_LABELS = { sqlite: 'SQLite', postgres: 'PostgreSQL' } as const;

/** 「システム状態」: what `GET /api/health` says about the database and the business date. */
@Component({
  selector: 'cd-system-status-card',
  imports: [MatCardModule, MatChipsModule, JapaneseDatePipe],
  templateUrl: './system-status-card.html',
  styleUrl: './system-status-card.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class SystemStatusCard {
  protected readonly health = loadOnce(inject(HealthApi).get());
  protected readonly databaseLabels = DATABASE_LABELS;
}
