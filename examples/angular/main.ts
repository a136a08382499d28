import { bootstrapApplication } from '@angular/platform-browser';
import { appConfig } from './app.config';
import { ChatComponent } from './chat.component';

bootstrapApplication(ChatComponent, appConfig).catch((error: unknown) => console.error(error));
