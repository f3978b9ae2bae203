import { mount } from '../ui/mount';
import './workspace.css';
import { Workspace } from './Workspace';

void mount(() => <Workspace />, 'workspaceTitle');
