import { mount } from '../ui/mount';
import './welcome.css';
import { Welcome } from './Welcome';

void mount(() => <Welcome />, 'welcomeTitle');
